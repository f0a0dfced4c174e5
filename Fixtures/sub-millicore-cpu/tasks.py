"""cpu finer than a millicore, usually from float arithmetic or str() of a small float."""
from flytekit import Resources, task, workflow


@task(requests=Resources(cpu="0.0001", mem="1Gi"))  # expect: 30 [RL008] "cpu request 0.0001 is 0.1m, finer than 1m"
def tiny() -> None: ...


@task(resources=Resources(cpu=("0.5m", "0.30000000000000004")))  # expect: 32 [RL008] "cpu request 0.5m is finer than 1m" 40 [RL008] "cpu limit 0.30000000000000004 is 300.000001m"
def float_artifacts() -> None: ...


# Clean: whole millicores in any spelling.
@task(requests=Resources(cpu="0.25"), limits=Resources(cpu="1500m"))
def clean() -> None: ...


@workflow
def wf() -> None:
    # str(1e-05) is "1e-05": 0.01 millicores.
    clean().with_overrides(requests=Resources(cpu=1e-05))  # expect: 51 [RL008] "cpu request 1e-05 is 0.01m, finer than 1m"
    clean().with_overrides(requests=Resources(cpu=0.001), limits=Resources(cpu="2"))
