import os

from flytekit import Resources, task

LARGE = os.environ.get("LARGE") == "1"


@task(resources=Resources(cpu="8", mem="32Gi") if LARGE else Resources(cpu="1", mem="2Gi"))
def branchy() -> None:
    ...


@task(requests=Resources(mem="4Gi" if LARGE else "1Gi"), limits=Resources(mem="4Gi") if LARGE else None)
def per_value() -> None:
    ...
