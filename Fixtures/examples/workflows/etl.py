"""Nightly ETL: every declaration here is clean."""
import flytekit as fl
from flytekit import ContainerTask, kwtypes

SMALL = fl.Resources(cpu="500m", mem="1Gi")
LARGE = fl.Resources(cpu=("2", "4"), mem=("8Gi", "8Gi"), ephemeral_storage="20Gi")


@fl.task(requests=SMALL, limits=fl.Resources(cpu="1", mem="2Gi"))
def extract(source: str) -> str:
    ...


@fl.task(resources=LARGE)
def transform(path: str) -> str:
    ...


load = ContainerTask(
    name="load",
    image="ghcr.io/acme/loader:1.4",
    inputs=kwtypes(path=str),
    command=["load", "{{.inputs.path}}"],
    requests=fl.Resources(cpu="1", mem="4Gi"),
    limits=fl.Resources(cpu="2", mem="4Gi"),
)


@fl.workflow
def nightly(source: str) -> None:
    path = extract(source=source)
    out = transform(path=path).with_overrides(
        requests=fl.Resources(cpu="3", mem="8Gi"),
        limits=fl.Resources(cpu="4", mem="8Gi"),
    )
    load(path=out)
