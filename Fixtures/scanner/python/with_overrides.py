from flytekit import Resources, task, workflow
from flytekit.extras.accelerators import T4


@task(requests=Resources(cpu="1"))
def t(a: int) -> int:
    return a


@workflow
def wf() -> None:
    t(a=1).with_overrides(requests=Resources(cpu="4"))
    node = t(a=2)
    node.with_overrides(limits=Resources(mem=2048), accelerator=T4)
    t(a=3).with_overrides(name="renamed").with_overrides(
        resources=Resources(cpu=("1", "2"), mem="1Gi"),
    )
    t(a=4).with_overrides(retries=2)
