from flytekit import Resources, task

@task(requests=Resources(cpu=2, mem="1Gi"), limits=Resources(cpu=0.5, mem=2048))  # expect: 30 [RL005] "cpu=2 is an int:" 66 [RL005] "cpu=0.5 is a float:" 75 [RL005] "mem=2048 is an int:"
def numbers() -> None: ...

@task(requests=Resources(cpu=1_000, gpu=True))  # expect: 30 [RL005] "cpu=1000 is an int:" 41 [RL005] "gpu=True is a bool:"
def unsure() -> None: ...
