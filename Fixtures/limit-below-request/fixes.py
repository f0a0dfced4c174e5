from flytekit import Resources, task

@task(requests=Resources(cpu="2", mem='4Gi'), limits=Resources(cpu="1", mem='2Gi'))  # expect: 68 [RL001] "cpu limit 1 is" 77 [RL001] "memory limit 2Gi (2,147,483,648"
def low_limits() -> None: ...
