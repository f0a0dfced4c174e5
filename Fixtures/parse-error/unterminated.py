from flytekit import Resources, task

# expect: 30 [RL000] "unterminated string literal"
@task(requests=Resources(mem="1Gi))
def f() -> None: ...
