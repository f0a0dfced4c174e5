# Fixes of RL004: a misspelt suffix keeps the quotes it was written with (fixes.py.fixed holds
# the safe fixes applied, fixes.py.unsafe-fixed the unsafe ones too).
from flytekit import Resources, task

@task(requests=Resources(mem='1gi'), limits=Resources(mem="2GiB"))  # expect: 30 [RL004] "memory request" 59 [RL004] "memory limit"
def case_typo() -> None: ...

@task(requests=Resources(mem="4 Gi", cpu="1,000m"))  # expect: 30 [RL004] "memory request" 42 [RL004] "cpu request"
def spaces_and_separators() -> None: ...

@task(requests=Resources(mem="1GB"))  # expect: 30 [RL004] "memory request"
def decimal_or_binary() -> None: ...

@task(requests=Resources(mem=r"1gi", ephemeral_storage="5" "gi"))  # expect: 30 [RL004] "memory request" 56 [RL004] "ephemeral storage request"
def unsure_spelling() -> None: ...

@task(requests=Resources(mem="4g", cpu="2gi"), limits=Resources(mem="1,5Gi"))  # expect: 30 [RL004] "memory request" 40 [RL004] "cpu request" 69 [RL004] "memory limit"
def no_fix() -> None: ...
