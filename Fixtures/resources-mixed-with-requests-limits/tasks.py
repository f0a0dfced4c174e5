"""resources= mixed with requests=/limits= on tasks, container tasks and overrides."""
from flytekit import ContainerTask, Resources, dynamic, task, workflow


@task(resources=Resources(cpu="1"), limits=Resources(mem="1Gi"))  # expect: 37 [RL013] "resources= is combined with limits=; flytekit accepts only one of them and raises ValueError when the module is imported"
def mixed() -> None: ...


@dynamic(
    requests=Resources(cpu="1"),  # expect: 5 [RL013] "combined with requests="
    resources=Resources(mem=("2Gi", "4Gi")),
)
def fan_out() -> None: ...


shell = ContainerTask(
    name="shell",
    image="ghcr.io/acme/tools:1.4",
    command=["run"],
    resources=Resources(cpu="500m"),
    limits=Resources(cpu="1"),  # expect: 5 [RL013]
)


# Clean: one style per call; None does not count.
@task(resources=Resources(cpu="1", mem=("1Gi", "1Gi")))
def resources_only() -> None: ...


@task(requests=Resources(cpu="1"), limits=Resources(cpu="2"))
def requests_and_limits() -> None: ...


@task(resources=Resources(cpu="1"), requests=None)
def explicit_none() -> None: ...


@workflow
def wf() -> None:
    resources_only().with_overrides(resources=Resources(cpu="1"), limits=Resources(cpu="2"))  # expect: 67 [RL013] "raises ValueError when the workflow is compiled"
    resources_only().with_overrides(resources=Resources(cpu=("1", "2")))
    requests_and_limits().with_overrides(requests=Resources(cpu="2"), limits=Resources(cpu="2"))
