from flytekit import Resources, task

@task(requests=Resources(cpu="500M"), limits=Resources(cpu='1500M'))  # expect: 30 [RL007] "cpu request 500M is" 60 [RL007] "cpu limit 1500M is"
def shifted() -> None: ...

@task(requests=Resources(cpu="2Gi"), limits=Resources(cpu="4k"))  # expect: 30 [RL007] "cpu request 2Gi is" 59 [RL007] "cpu limit 4k is"
def no_fix() -> None: ...
