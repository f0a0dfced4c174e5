"""Negative values register fine and fail when Kubernetes creates the pod."""
from flytekit import Resources, task, workflow


# SEMANTICS §7 case 21: registration accepted; pod creation rejected.
@task(requests=Resources(cpu="-1", mem="1Gi"))  # expect: 30 [RL018] "cpu request -1 is negative"
def case_21() -> None: ...


@task(resources=Resources(mem=("-512Mi", "1Gi"), ephemeral_storage="-0.5Gi"))  # expect: 32 [RL018] "memory request -512Mi is negative" 68 [RL018] "ephemeral storage request -0.5Gi is negative"
def negative_memory() -> None: ...


# A Python int is negative too (and, in @task, also non-string-resource-value's).
@task(limits=Resources(cpu=-2))  # expect: 28 [RL018] "cpu limit -2 is negative"
def python_int() -> None: ...


# Clean: an explicit plus sign is allowed, and -0 is zero.
@task(requests=Resources(cpu="+1", mem="1Gi"), limits=Resources(cpu="-0"))
def signed() -> None: ...


@workflow
def wf() -> None:
    signed().with_overrides(limits=Resources(cpu="-500m"))  # expect: 50 [RL018] "cpu limit -500m is negative"
