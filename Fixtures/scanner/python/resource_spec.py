from flytekit import Resources, task
from flytekit.core.resources import ResourceSpec

DEFAULTS = ResourceSpec(
    requests=Resources(cpu="1", mem="1Gi"),
    limits=Resources(cpu="2", mem="2Gi"),
)


# flytekit 1.16 rejects a ResourceSpec here ("unexpected keyword argument 'requests'"): the task
# gets no resources from it, and the spec itself is read on its own.
@task(resources=ResourceSpec(requests=Resources(cpu="1"), limits=Resources(cpu="2")))
def spec_in_resources() -> None:
    ...
