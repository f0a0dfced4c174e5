"""Both SDKs in one file: each `Resources` keeps its own model (mem= vs memory=)."""
import flyte
from flytekit import Resources, task

env = flyte.TaskEnvironment(name="v2", resources=flyte.Resources(cpu=1, memory="2Gi"))


@task(requests=Resources(cpu="1", mem="2Gi"))
def v1_task() -> None: ...


v2_constant = flyte.Resources(memory=("1Gi", "2Gi"))
v1_constant = Resources(cpu=("1", "2"))
