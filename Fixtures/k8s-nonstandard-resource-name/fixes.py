from flytekit import PodTemplate
from kubernetes.client import V1Container, V1PodSpec, V1ResourceRequirements

template = PodTemplate(pod_spec=V1PodSpec(containers=[
    V1Container(name="sidecar", resources=V1ResourceRequirements(limits={'mem': "1Gi", "gpu": "1"})),  # expect: 74 [RL023] "limits key mem is" 88 [RL023] "limits key gpu is"
]))
