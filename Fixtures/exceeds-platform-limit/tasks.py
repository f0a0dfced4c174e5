# RL021 compares tasks with the platform limits given by `--platform FILE`. Fixtures run
# without a platform, so nothing here may fire: the rule is silent without one. The severity
# split is tested in Tests/LintingTests/PlatformTests.swift and in the rule's examples.
from flytekit import Resources, task
from flytekit.extras.accelerators import A100, L4


# SEMANTICS §7 case 11: limits only, clamped to a 1-GPU platform (a warning with a platform).
@task(limits=Resources(gpu="2"), accelerator=A100.partition_1g_5gb)
def clamped() -> None: ...


# Case 12: a GPU request above a 1-GPU platform fails registration (an error with a platform).
@task(requests=Resources(gpu="2"))
def rejected() -> None: ...


# Case 42: limits only, above a 1Gi memory limit (a warning with a platform).
@task(limits=Resources(cpu="2", mem="4Gi"))
def big_limits() -> None: ...


# Case 43: the cpu limit 4 is above a platform limit of 2 and the task requests cpu.
@task(resources=Resources(gpu="1", cpu=("2", "4"), mem=("8Gi", "8Gi")), accelerator=L4)
def big_cpu() -> None: ...
