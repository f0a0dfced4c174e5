"""GPUs are allocated whole."""
from flytekit import Resources, task, workflow
from flytekit.extras.accelerators import A100, T4


# SEMANTICS §7 case 13: registration rejected ("must be a whole number").
@task(limits=Resources(gpu="0.5"), accelerator=T4)  # expect: 28 [RL010] "gpu limit 0.5 is 0.5 GPU, not a whole number"
def case_13() -> None: ...


@task(requests=Resources(gpu="500m"), limits=Resources(gpu="1.5"), accelerator=A100)  # expect: 30 [RL010] "gpu request 500m is 0.5 GPU, not a whole number" 60 [RL010] "gpu limit 1.5 is 1.5 GPU, not a whole number"
def milli_gpu() -> None: ...


# A Python float is rejected when Resources is constructed: malformed-resources-argument's.
@task(limits=Resources(gpu=0.5), accelerator=T4)
def float_gpu() -> None: ...


# Clean: whole GPUs, and a MIG partition for part of a GPU.
@task(limits=Resources(gpu="1"), accelerator=A100.partition_1g_5gb)
def mig() -> None: ...


@workflow
def wf() -> None:
    mig().with_overrides(limits=Resources(gpu="0.25"))  # expect: 47 [RL010] "gpu limit 0.25 is 0.25 GPU, not a whole number"
    mig().with_overrides(limits=Resources(gpu="2"))
