"""Overrides that raise requests without raising the limits they are clamped to."""
from flytekit import PodTemplate, Resources, task, workflow
from kubernetes.client import V1Container, V1PodSpec, V1ResourceRequirements


@task(requests=Resources(cpu="1", mem="2Gi"))
def featurize() -> None: ...


@task(requests=Resources(cpu="2", mem="4Gi"), limits=Resources(cpu="4", mem="8Gi"))
def train() -> None: ...


@task(resources=Resources(cpu=("500m", "1"), gpu="1"))
def evaluate() -> None: ...


@task(
    pod_template=PodTemplate(
        pod_spec=V1PodSpec(
            containers=[
                V1Container(
                    name="primary",
                    resources=V1ResourceRequirements(requests={"memory": "1Gi"}, limits={"memory": "2Gi"}),
                )
            ]
        )
    )
)
def from_template() -> None: ...


@workflow
def wf() -> None:
    # The task's limit defaults to its request (1), so 4 CPUs are never granted.
    featurize().with_overrides(requests=Resources(cpu="4"))  # expect: 55 [RL016] "cpu request 4 is above the task's cpu request 1, which the backend makes its limit, and this override sets no cpu limit, so the request is clamped to 1"
    train().with_overrides(requests=Resources(mem="16Gi", cpu="3"))  # expect: 51 [RL016] "memory request 16Gi (17,179,869,184 B) is above the task's memory limit 8Gi (8,589,934,592 B)"
    # expect: 54 [RL016] "cpu request 2 is above the task's cpu limit 1"
    # expect: 63 [RL016] "gpu request 2"
    evaluate().with_overrides(requests=Resources(cpu="2", gpu="2"))
    from_template().with_overrides(requests=Resources(mem="4Gi"))  # expect: 59 [RL016] "the task's pod template's memory limit 2Gi"

    # Clean: the limit is overridden too, the request stays within the limit, or resources= sets both.
    featurize().with_overrides(requests=Resources(cpu="4"), limits=Resources(cpu="4"))
    train().with_overrides(requests=Resources(cpu="4"))
    featurize().with_overrides(resources=Resources(cpu=("4", "4")))
    train().with_overrides(limits=Resources(cpu="8"))
    # Clean: the task is not defined in this file.
    imported().with_overrides(requests=Resources(cpu="64"))
