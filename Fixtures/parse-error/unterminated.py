from flytekit import Resources, task

# expect: 16 [RL000] "unterminated"
@task(requests=Resources(mem="1Gi))
def f() -> None: ...
