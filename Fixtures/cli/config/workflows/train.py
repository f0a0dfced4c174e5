from flytekit import Resources, task
from flytekit.extras.accelerators import A100


@task(
    requests=Resources(cpu="2", mem="4Gi", gpu="8"),
    limits=Resources(mem="128Gi", gpu="8"),
    accelerator=A100,
)
def train() -> None: ...


@task(requests=Resources(cpu="1", mem="100Mi", gpu="1"), limits=Resources(mem="128Mi"))
def evaluate() -> None: ...
