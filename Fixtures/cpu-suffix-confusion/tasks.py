"""cpu written with memory-style suffixes, or more cores than any node has."""
from flytekit import Resources, task, workflow


# SEMANTICS §7 case 17: 500 million cores; registration is rejected against the platform limit.
@task(requests=Resources(cpu="500M", mem="1Gi"))  # expect: 30 [RL007] "cpu request 500M is 500,000,000 cores"
def case_17() -> None: ...


@task(resources=Resources(cpu=("2G", "1Gi")))  # expect: 32 [RL007] "cpu request 2G is 2,000,000,000 cores" 38 [RL007] "cpu limit 1Gi is 1,073,741,824 cores"
def gigacores() -> None: ...


@task(limits=Resources(cpu="1000"))  # expect: 28 [RL007] "cpu limit 1000 is 1,000 cores, more than any node has"
def thousand() -> None: ...


@task(requests=Resources(cpu="2k"), limits=Resources(cpu="1e3"))  # expect: 30 [RL007] "cpu request 2k is 2,000 cores" 58 [RL007] "cpu limit 1e3 is 1,000 cores, more than any node has"
def kilo() -> None: ...


# Clean: millicores, whole and fractional cores, a large but plausible count.
@task(requests=Resources(cpu="500m"), limits=Resources(cpu="1.5"))
def clean() -> None: ...


@task(limits=Resources(cpu="96"))
def big_node() -> None: ...


@workflow
def wf() -> None:
    clean().with_overrides(limits=Resources(cpu="4M"))  # expect: 49 [RL007] "cpu limit 4M is 4,000,000 cores"
