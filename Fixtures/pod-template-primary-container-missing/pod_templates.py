"""Pod templates whose containers do not include the primary one."""
from flytekit import PodTemplate, Resources, task
from kubernetes.client import V1Container, V1PodSpec, V1ResourceRequirements


@task(
    requests=Resources(cpu="1"),
    pod_template=PodTemplate(
        pod_spec=V1PodSpec(
            containers=[
                V1Container(name="main", resources=V1ResourceRequirements(limits={"memory": "2Gi"})),  # expect: 34 [RL020] "pod template has no container named primary (its primary_container_name): flytekit adds an empty primary container for the task's code and"
            ]
        )
    ),
)
def wrong_name() -> None: ...


SIDECARS = PodTemplate(
    primary_container_name="app",
    pod_spec=V1PodSpec(
        containers=[
            V1Container(name="primary", image="ghcr.io/acme/app:3.0"),  # expect: 30 [RL020] "no container named app"
            V1Container(name="envoy", image="envoyproxy/envoy:v1.30"),
        ]
    ),
)


@task(pod_template=SIDECARS)
def with_sidecars() -> None: ...


# Clean: the primary container is present, by default or by primary_container_name.
@task(
    pod_template=PodTemplate(
        pod_spec=V1PodSpec(
            containers=[
                V1Container(name="primary", resources=V1ResourceRequirements(limits={"memory": "2Gi"})),
                V1Container(name="envoy", image="envoyproxy/envoy:v1.30"),
            ]
        )
    ),
)
def right_name() -> None: ...


RENAMED = PodTemplate(
    primary_container_name="main",
    pod_spec=V1PodSpec(containers=[V1Container(name="main", image="ghcr.io/acme/app:3.0")]),
)

# Clean: no containers at all (flytekit adds the primary), or a list built at run time.
EMPTY = PodTemplate(pod_spec=V1PodSpec(containers=[]))
BUILT = PodTemplate(pod_spec=V1PodSpec(containers=make_containers()))
