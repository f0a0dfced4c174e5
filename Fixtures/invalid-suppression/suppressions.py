from flytekit import Resources, task

# Directives are read from comments only: text in strings is never one, so neither of
# these silences anything or is reported as unused.
DOC = """
@task(requests=Resources(mem="2048"))  # resourcelint: ignore[RL002]
"""
NOTE = "# noqa: RL002"


# Accepted spellings: honoured, nothing to say. Other linters' codes are left alone.
@task(requests=Resources(mem="2048"))  # noqa: E501, RL002
def shared() -> None: ...


@task(requests=Resources(mem="2048"))  # noqa:RL002
def compact() -> None: ...


@task(requests=Resources(mem="2048"))  # noqa: E501  # expect: 30 [RL002]
def other_linter_only() -> None: ...


# Near misses: honoured, and reported with the accepted spelling.
@task(requests=Resources(mem="2048"))  # resourcelint:ignore[RL002]  # expect: 42 [RL029] "resourcelint:ignore[RL002]` is not the accepted spelling; write `"
def no_space() -> None: ...


@task(requests=Resources(mem="2048"))  # resourcelint: ignore RL002  # expect: 42 [RL029] "write `"
def no_brackets() -> None: ...


@task(requests=Resources(mem="2048"))  # resourcelint ignore[RL002]  # expect: 42 [RL029] "is not the accepted spelling"
def no_colon() -> None: ...


@task(requests=Resources(mem="2048"))  # NOQA:RL002  # expect: 42 [RL029] "NOQA:RL002` is not the accepted spelling"
def upper_case() -> None: ...


@task(requests=Resources(mem="2048"))  # noqa RL002  # expect: 42 [RL029] "lacks the colon"
def no_colon_noqa() -> None: ...


# Names that are no rule: the finding stays, and the name gets a did-you-mean.
@task(requests=Resources(mem="2048"))  # resourcelint: ignore[RL0O2]  # expect: 30 [RL002] 42 [RL029] "names RL0O2, which is no resourcelint rule or policy (did you mean 'RL002'?)"
def unknown_code() -> None: ...


@task(requests=Resources(mem="2048"))  # noqa: RL999, E501  # expect: 30 [RL002] 42 [RL029] "names RL999"
def unknown_in_noqa() -> None: ...


# resourcelint: disable  # expect: 3 [RL029] "is no suppression ('disable' after resourcelint)"
# resourcelint reads the nearest configuration: prose, not a directive.
