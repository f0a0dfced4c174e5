from flytekit import Resources, task


# Flyte tasks are not checked: flyteadmin sets a missing limit to the request.
@task(requests=Resources(cpu="2", mem="4Gi"))
def train() -> None: ...
