from flytekit import PodTemplate, Resources, task
from kubernetes.client import V1Container, V1PodSpec, V1ResourceRequirements

# flytekit itself writes `gpu` into the primary container and flytepropeller renames it: fine.
# A sidecar with `gpu`, or `mem` anywhere, reaches the API server as written.
template = PodTemplate(
    primary_container_name="main",
    pod_spec=V1PodSpec(
        containers=[
            V1Container(
                name="main",
                resources=V1ResourceRequirements(
                    requests={"gpu": "1", "memory": "8Gi"},
                    limits={"gpu": "1", "mem": "8Gi"},  # expect: 41 [RL023] "limits key mem"
                ),
            ),
            V1Container(
                name="logger",
                resources=V1ResourceRequirements(limits={"gpu": "1", "cpu": "100m"}),  # expect: 58 [RL023] "limits key gpu"
            ),
        ]
    ),
)


@task(pod_template=template)
def train() -> None: ...


# A standalone requirements object is a Kubernetes object too.
sidecar_resources = V1ResourceRequirements(requests={"cpu": "1", "ephemeral_storage": "1Gi"})  # expect: 66 [RL023] "requests key ephemeral_storage"
