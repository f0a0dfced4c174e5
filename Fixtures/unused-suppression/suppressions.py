from flytekit import Resources, task

# Each form silences the finding on its own line.
@task(requests=Resources(mem="1024"))  # resourcelint: ignore[RL002]
def by_code() -> None: ...


@task(requests=Resources(mem="1024"))  # resourcelint: ignore[bare-integer-memory]
def by_name() -> None: ...


@task(requests=Resources(mem="1024", cpu="1K"))  # resourcelint: ignore
def every_rule() -> None: ...


@task(requests=Resources(mem="1024"))  # noqa: RL002
def noqa_code() -> None: ...


@task(requests=Resources(mem="1024"))  # noqa
def bare_noqa() -> None: ...


# Another linter's noqa silences nothing of ours and is never reported as unused.
@task(requests=Resources(mem="1024"))  # noqa: E501  # expect: 30 [RL002]
def other_linter() -> None: ...


# Suppressing one rule leaves the others.
@task(requests=Resources(mem="1024", cpu="1K"))  # noqa: RL002  # expect: 42 [RL004]
def partial() -> None: ...


# Unused: nothing to silence, a rule that does not fire, a misspelt name.
@task(requests=Resources(mem="2Gi"))  # resourcelint: ignore[RL002]  # expect: 41 [RL028] "RL002 (bare-integer-memory)"
def clean() -> None: ...


@task(requests=Resources(mem="2Gi"))  # resourcelint: ignore  # expect: 41 [RL028] "no rule reports anything"
def clean_bare() -> None: ...


@task(requests=Resources(mem="1024"))  # resourcelint: ignore[bare-integer-memry]  # expect: 30 [RL002] 42 [RL029] "bare-integer-memry, which is no resourcelint rule or policy (did you mean 'bare-integer-memory'?)"
def misspelt() -> None: ...


HELP = "write # noqa: RL002 after the value"
@task(requests=Resources(mem="1024"))  # expect: 30 [RL002]
def string_is_not_a_comment() -> None: ...
