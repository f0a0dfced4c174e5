from flytekit import Resources, task

@task(requests=Resources(cpu="0.0001"), limits=Resources(cpu='0.30000000000000004'))  # expect: 30 [RL008] "cpu request 0.0001 is" 62 [RL008] "cpu limit 0.30000000000000004 is"
def float_noise() -> None: ...

@task(requests=Resources(cpu="1.5m"), limits=Resources(cpu="2.5m"))  # expect: 30 [RL008] "cpu request 1.5m is" 60 [RL008] "cpu limit 2.5m is"
def half_millicores() -> None: ...
