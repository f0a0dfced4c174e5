from flytekit import Resources, task


@task(
    requests=Resources(
        cpu='1',
        mem="""2Gi""",
        gpu=r"1",
        ephemeral_storage="1" "0Gi",
    ),
    limits=Resources(cpu=f"2", mem=u'4Gi', gpu=f"{1}", ephemeral_storage=b"20Gi"),
)
def strings() -> None:
    ...


@task(requests=Resources(cpu=1_000, mem=0x400, gpu=1.0, ephemeral_storage=1e-05))
def numbers() -> None:
    ...


@task(requests=Resources(cpu=-1, mem=None, gpu=False))
def constants() -> None:
    ...
