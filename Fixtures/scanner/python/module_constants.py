from flytekit import PodTemplate, Resources, task
from flytekit.extras.accelerators import A100
from kubernetes.client import V1Container, V1PodSpec, V1ResourceRequirements

MEMORY = "2Gi"
BIG = Resources(cpu=("2", "4"), mem=MEMORY)
LIMITS: Resources = Resources(mem="8Gi")
ACCELERATOR = A100.partition_1g_5gb
UNUSED = Resources(cpu="3")  # not referenced: a declaration of its own

TEMPLATE = PodTemplate(
    pod_spec=V1PodSpec(
        containers=[
            V1Container(
                name="primary",
                resources=V1ResourceRequirements(limits={"nvidia.com/gpu": "1"}),
            )
        ]
    )
)

REASSIGNED = "1"
REASSIGNED = "2"


@task(resources=BIG, accelerator=ACCELERATOR)
def from_constants() -> None:
    ...


@task(requests=Resources(mem=MEMORY, cpu=REASSIGNED), limits=LIMITS, pod_template=TEMPLATE)
def mixed() -> None:
    ...
