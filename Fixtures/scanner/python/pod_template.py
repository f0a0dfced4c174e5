from flytekit import PodTemplate, Resources, task
from kubernetes.client import V1Container, V1PodSpec, V1ResourceRequirements
from kubernetes.client import models as k8s


@task(
    requests=Resources(cpu="2"),
    pod_template=PodTemplate(
        pod_spec=V1PodSpec(
            containers=[
                V1Container(
                    name="primary",
                    resources=V1ResourceRequirements(
                        requests={"cpu": "1", "memory": "1Gi"},
                        limits={"memory": "8Gi", "nvidia.com/gpu": "1"},
                    ),
                ),
                V1Container(
                    name="sidecar",
                    resources=V1ResourceRequirements(limits={"cpu": "100m", "memory": "64Mi"}),
                ),
            ]
        )
    ),
)
def shadowed() -> None:
    ...


main_template = PodTemplate(
    primary_container_name="main",
    pod_spec=k8s.V1PodSpec(
        containers=[k8s.V1Container(name="main", resources=k8s.V1ResourceRequirements(limits={"memory": "2Gi"}))]
    ),
)


@task(pod_template=main_template)
def template_only() -> None:
    ...
