import flytekit as fl
from flytekit import Resources, task
from flytekit import Resources as R

# A tuple is (request, limit).
@task(resources=Resources(cpu=("4", "2")))  # expect: 37 [RL001] "cpu limit 2 is below its request 4"
def tuple_inverted() -> None: ...


# Exact comparison: flyteadmin rounds both up to 1 core and accepts this; Kubernetes does not.
@task(
    requests=Resources(cpu="900m"),
    limits=Resources(cpu="500m"),  # expect: 26 [RL001] "cpu limit 500m is below its request 900m"
)
def sub_core() -> None: ...


# 1G is less than 1Gi.
@fl.task(requests=fl.Resources(mem="1Gi"), limits=fl.Resources(mem="1G"))  # expect: 68 [RL001] "memory limit 1G (1,000,000,000 B) is below its request 1Gi (1,073,741,824 B)"
def decimal_vs_binary() -> None: ...


BIG = R(ephemeral_storage=("20Gi", "10Gi"))  # expect: 36 [RL001] "ephemeral storage limit 10Gi"


@task(resources=BIG)
def through_constant() -> None: ...


# Clean: equal, higher, different units that agree, single values (request only).
@task(requests=Resources(cpu="2", mem="1G"), limits=Resources(cpu="2000m", mem="1Gi"))
def fine() -> None: ...


@task(resources=Resources(cpu="4", mem=("1Gi", "2Gi")))
def request_only_cpu() -> None: ...
