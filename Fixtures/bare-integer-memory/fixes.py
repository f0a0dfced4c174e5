from flytekit import Resources, task

@task(requests=Resources(mem="1024"), limits=Resources(mem='2147483648'))  # expect: 30 [RL002] "memory request 1024 is" 60 [RL002] "memory limit 2147483648 is"
def bare() -> None: ...

@task(requests=Resources(mem="3000000"))  # expect: 30 [RL002] "memory request 3000000 is"
def not_a_whole_unit() -> None: ...
