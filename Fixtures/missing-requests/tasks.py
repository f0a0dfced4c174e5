from flytekit import PodTemplate, Resources, task
from flytekit.extras.accelerators import L4


@task(limits=Resources(gpu="1"), accelerator=L4)  # expect: 1 [RL026] "task gpu_only sets"
def gpu_only() -> None: ...


@task(requests=Resources(cpu="2"))  # expect: 1 [RL026] "task cpu_only sets"
def cpu_only() -> None: ...


@task(limits=Resources(cpu="2", mem="4Gi"))
def limits_only() -> None: ...


@task(requests=Resources(cpu="1"), pod_template=PodTemplate(primary_container_name="primary"))
def templated() -> None: ...


def wf():
    # Overrides inherit the task's resources.
    gpu_only().with_overrides(requests=Resources(cpu="4"))
