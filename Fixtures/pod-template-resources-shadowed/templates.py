"""Task resources that replace the resources of their pod template's primary container."""
from flytekit import PodTemplate, Resources, task
from flytekit.extras.accelerators import T4
from kubernetes.client import V1Container, V1PodSpec, V1ResourceRequirements, V1Toleration

GPU_TEMPLATE = PodTemplate(
    pod_spec=V1PodSpec(
        containers=[
            V1Container(
                name="primary",
                resources=V1ResourceRequirements(
                    # expect: 38 [RL019] "cpu request 1"
                    # expect: 53 [RL019] "memory request 1Gi of pod template container primary is discarded: task train sets its own resources"
                    requests={"cpu": "1", "memory": "1Gi"},
                    # expect: 39 [RL019] "memory limit 8Gi"
                    # expect: 64 [RL019] "nvidia.com/gpu limit 1"
                    limits={"memory": "8Gi", "nvidia.com/gpu": "1"},
                ),
            ),
            V1Container(
                name="log-shipper",
                resources=V1ResourceRequirements(limits={"cpu": "100m", "memory": "64Mi"}),
            ),
        ],
        tolerations=[V1Toleration(key="gpu", operator="Exists")],
    )
)


@task(requests=Resources(cpu="2"), pod_template=GPU_TEMPLATE)
def train() -> None: ...


# Clean: the template alone sizes the primary container; an accelerator is not a resource.
@task(pod_template=GPU_TEMPLATE, accelerator=T4)
def template_sized() -> None: ...


# Clean: the task sets resources and the template's primary container sets none.
@task(
    limits=Resources(cpu="2", mem="4Gi"),
    pod_template=PodTemplate(
        pod_spec=V1PodSpec(
            containers=[
                V1Container(name="primary", image="ghcr.io/acme/app:2.1"),
                V1Container(name="proxy", resources=V1ResourceRequirements(limits={"cpu": "200m"})),
            ]
        )
    ),
)
def decorator_sized() -> None: ...
