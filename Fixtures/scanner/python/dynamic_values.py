"""Values the scanner cannot know: `dump` shows them as "<dynamic>" with their source text
under `dynamic`, and constructs with no values at all are still listed."""
from flytekit import ContainerTask, PodTemplate, Resources, task, workflow
from flytekit.core.resources import ResourceSpec
from flytekitplugins.kfpytorch import Master, PyTorch, Worker
from kubernetes.client import V1Container, V1PodSpec, V1ResourceRequirements

from config import ACC, COMMON, CPU, EXTRA, LIMITS, REQ, RES


@task(requests=RES)
def imported() -> None: ...


def make(r):
    @task(requests=r, limits=None)
    def parameter() -> None: ...

    return parameter


cfg = {}


@task(requests=Resources(**cfg))
def unpacked() -> None: ...


@task(requests=Resources(cpu="1", **EXTRA), limits=Resources(mem="2Gi"))
def partly_unpacked() -> None: ...


n = 4


@task(requests=Resources(mem=f"{n}Gi", cpu=CPU))
def dynamic_values() -> None: ...


@task(resources=RES)
def spec_imported() -> None: ...


@task(resources=Resources(cpu=CPU, mem=("1Gi", "2Gi")))
def tuple_unknown() -> None: ...


@task(requests=Resources(cpu="1"), accelerator=ACC)
def accelerator_imported() -> None: ...


@task(requests=Resources(cpu="1"), **COMMON)
def common_arguments() -> None: ...


@task(cache=True, **COMMON)
def only_unpacked() -> None: ...


@task(requests={"cpu": "1"}, limits=[RES])
def wrong_types_are_known() -> None: ...


@task(
    task_config=PyTorch(worker=Worker(replicas=2, requests=RES), master=Master(**COMMON)),
    pod_template=PodTemplate(
        pod_spec=V1PodSpec(
            containers=[
                V1Container(
                    name="primary",
                    resources=V1ResourceRequirements(requests=REQ, limits={"cpu": "1", **EXTRA}),
                ),
            ]
        )
    ),
)
def templated() -> None: ...


shell = ContainerTask(name="shell", image="x", command=["ls"], requests=RES, limits=LIMITS)
spec = ResourceSpec(requests=RES, limits=Resources(cpu="1"))
unknown_spec = ResourceSpec(**COMMON)

# No values at all: still listed, with kind and location.
nothing = Resources()
ResourceSpec(requests=Resources(), limits=Resources())


@task(requests=Resources())
def empty() -> None: ...


@workflow
def wf() -> None:
    imported().with_overrides(requests=RES, limits=LIMITS)
    imported().with_overrides(**COMMON)
    imported().with_overrides(limits=Resources(cpu="1"), **COMMON)
    imported().with_overrides(requests=Resources())
