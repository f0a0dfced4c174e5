from flytekit import Resources, task

@task(requests=Resources(mem="512m"), limits=Resources(mem='1024m'))  # expect: 30 [RL006] "memory request 512m is" 60 [RL006] "memory limit 1024m is"
def milli() -> None: ...

@task(requests=Resources(mem="512u"))  # expect: 30 [RL006] "memory request 512u is"
def micro() -> None: ...
