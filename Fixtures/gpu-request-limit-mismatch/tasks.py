"""GPUs, extended resources and hugepages need request == limit."""
from flytekit import PodTemplate, Resources, task
from flytekit.extras.accelerators import A100, L4
from kubernetes.client import V1Container, V1PodSpec, V1ResourceRequirements


# SEMANTICS §7 case 14: registration rejected (request 1, limit 2).
@task(requests=Resources(gpu="1"), limits=Resources(gpu="2"), accelerator=L4)  # expect: 57 [RL009] "gpu limit 2 differs from its request 1"
def case_14() -> None: ...


@task(resources=Resources(cpu="4", gpu=("2", "4")), accelerator=A100)  # expect: 46 [RL009] "gpu limit 4 differs from its request 2"
def tuple_gpus() -> None: ...


@task(
    pod_template=PodTemplate(
        pod_spec=V1PodSpec(
            containers=[
                V1Container(
                    name="primary",
                    resources=V1ResourceRequirements(
                        requests={"nvidia.com/gpu": "1", "memory": "8Gi"},
                        limits={"nvidia.com/gpu": "2", "memory": "16Gi"},  # expect: 51 [RL009] "nvidia.com/gpu limit 2 differs from its request 1"
                    ),
                )
            ]
        )
    ),
    accelerator=L4,
)
def templated() -> None: ...


# Clean: equal values (compared exactly: 1 == 1000m), or a limit alone.
@task(requests=Resources(gpu="1", cpu="2"), limits=Resources(gpu="1000m", cpu="4"), accelerator=L4)
def equal() -> None: ...


@task(limits=Resources(gpu="2"), accelerator=A100)
def limit_only() -> None: ...
