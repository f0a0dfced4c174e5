from flytekit import Resources, task, workflow
from flytekit.extras.accelerators import A100, T4

@task(limits=Resources(gpu="1"))  # expect: 28 [RL003] "gpu limit 1 has no accelerator"
def any_gpu() -> None: ...


@task(requests=Resources(gpu="2"), limits=Resources(gpu="2"), accelerator=A100)
def a100() -> None: ...


@task(requests=Resources(gpu="0"))
def zero_gpu() -> None: ...


@workflow
def wf() -> None:
    # The node keeps the task's accelerator.
    a100().with_overrides(limits=Resources(gpu="4"))
    # The task has none, and the override sets none.
    any_gpu().with_overrides(limits=Resources(gpu="2"))  # expect: 51 [RL003] "gpu limit 2"
    any_gpu().with_overrides(limits=Resources(gpu="2"), accelerator=T4)
