from flytekit import Resources, task

@task(requests=Resources(mem="1024"))  # expect: 30 [RL002] "memory request 1024 is 1,024 bytes (1 KiB)"
def tiny() -> None: ...


@task(limits=Resources(mem=4096, ephemeral_storage="10737418240"))  # expect: 28 [RL002] "4,096 bytes" 52 [RL002] "write it with a unit such as 10Gi"
def ints() -> None: ...


def wf() -> None:
    tiny().with_overrides(requests=Resources(mem=2048))  # expect: 50 [RL002] "2,048 bytes (2 KiB)"


# Clean: units, zero, cpu numbers.
@task(requests=Resources(cpu="2", mem="512Mi"), limits=Resources(cpu=2, mem="1G"))
def fine() -> None: ...
