"""Task decorators with requests, limits and resources."""
from flytekit import Resources, dynamic, eager, task


@task(requests=Resources(cpu="1", mem="2Gi"), limits=Resources(cpu="2", mem="4Gi"))
def train(epochs: int) -> float:
    return 0.0


@task(resources=Resources(cpu=("1", "2"), mem="1Gi"))
def split_request_and_limit() -> None:
    ...


@task(
    requests=Resources(cpu="500m"),
    limits=Resources(gpu="1"),
    retries=3,
    cache=True,
)
def multi_line() -> None:
    ...


@dynamic(requests=Resources(mem="512Mi"))
def fan_out(n: int) -> None:
    ...


@eager(limits=Resources(ephemeral_storage="10Gi"))
async def orchestrate() -> None:
    ...


@task(requests=Resources("2", "8Gi"))
def positional() -> None:
    ...


@task(requests=Resources(mem=1024, cpu=0.5, gpu=True))
def non_string_values() -> None:
    ...


@task
def no_resources() -> None:
    ...
