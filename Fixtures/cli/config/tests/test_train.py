from flytekit import Resources, task
from flytekit.extras.accelerators import A100


@task(requests=Resources(cpu="1", mem="1024", gpu="8"), accelerator=A100)
def tiny() -> None: ...
