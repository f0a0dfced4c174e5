import flytekit
import flytekit as fl
import union
from flytekit import Resources as R
from flytekit import task as flyte_task
from flytekit.core.resources import Resources as CoreResources
from union import Resources as UnionResources


@flytekit.task(requests=flytekit.Resources(cpu="1"))
def fully_qualified() -> None:
    ...


@fl.task(limits=fl.Resources(mem="1Gi"))
def module_alias() -> None:
    ...


@flyte_task(requests=R(cpu="2"), limits=CoreResources(cpu="2"))
def aliased_names() -> None:
    ...


@union.task(requests=UnionResources(gpu="1"), limits=union.Resources(gpu="1"))
def union_reexports() -> None:
    ...
