from flytekit import Resources, task

@task(requests=Resources(mem="1GB"))  # expect: 30 [RL004] "did you mean \"1G\" or \"1Gi\"?"
def gigabytes() -> None: ...


@task(limits=Resources(mem=" 1Gi"))  # expect: 28 [RL004] "remove the whitespace"
def spaces() -> None: ...


@task(requests=Resources(cpu="1K", mem="500mi"))  # expect: 30 [RL004] "\"1k\" or \"1Ki\"" 40 [RL004] "\"500Mi\""
def cases() -> None: ...


def wf() -> None:
    gigabytes().with_overrides(requests=Resources(cpu=True))  # expect: 55 [RL004] "str() of a Python bool"


# Clean: valid quantities, including odd but legal ones.
@task(requests=Resources(cpu="1.5", mem="1.5Gi", ephemeral_storage="1e3"))
def fine() -> None: ...
