from flytekit import PodTemplate, task
from kubernetes.client import V1Container, V1PodSpec, V1ResourceRequirements

# flytepropeller copies a GPU request into the limit of the primary container only; a sidecar
# goes to the API server as written.
template = PodTemplate(
    pod_spec=V1PodSpec(
        containers=[
            V1Container(
                name="primary",
                resources=V1ResourceRequirements(requests={"nvidia.com/gpu": "1"}),
            ),
            V1Container(
                name="exporter",
                resources=V1ResourceRequirements(requests={"nvidia.com/gpu": "1", "cpu": "1"}),  # expect: 78 [RL024] "nvidia.com/gpu request 1"
            ),
        ]
    ),
)


@task(pod_template=template)
def train() -> None: ...
