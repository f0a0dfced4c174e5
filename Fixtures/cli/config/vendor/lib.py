from flytekit import Resources, task


@task(requests=Resources(mem="1GB"))
def vendored() -> None: ...
