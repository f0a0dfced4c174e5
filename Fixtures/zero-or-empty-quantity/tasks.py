"""Zero, empty and digit-less values: Flyte treats them as unset and applies platform defaults."""
from flytekit import ContainerTask, PodTemplate, Resources, task, workflow
from flytekitplugins.kfpytorch import PyTorch, Worker
from kubernetes.client import V1Container, V1PodSpec, V1ResourceRequirements


# SEMANTICS §7 case 19: "Gi" parses as 0; memory becomes the platform default.
@task(requests=Resources(mem="Gi"))  # expect: 30 [RL017] "memory request Gi has no number and parses as 0"
def case_19() -> None: ...


# Case 20: the int 0 is dropped as falsy; the string "0" is kept and treated as unset.
@task(requests=Resources(cpu=0, mem="0"))  # expect: 30 [RL017] "cpu request 0 is dropped by flytekit as falsy" 37 [RL017] "memory request 0 is zero, which Flyte treats as unset"
def case_20() -> None: ...


# An empty string is falsy too, so @task drops it (elsewhere it is sent and fails to parse).
@task(limits=Resources(cpu="2", mem=""))  # expect: 37 [RL017] "memory limit \"\" is dropped by flytekit as falsy"
def empty() -> None: ...


@task(resources=Resources(cpu=("0m", "1"), ephemeral_storage="0Gi"))  # expect: 32 [RL017] "cpu request 0m is zero, which Flyte treats as unset" 62 [RL017] "ephemeral storage request 0Gi is zero"
def zero_units() -> None: ...


shell = ContainerTask(
    name="shell",
    image="alpine:3.20",
    command=["sh", "-c", "true"],
    limits=Resources(cpu="m", mem="256Mi"),  # expect: 26 [RL017] "cpu limit m has no number and parses as 0"
)


@task(task_config=PyTorch(worker=Worker(replicas=2, limits=Resources(gpu="0", mem="8Gi"))))  # expect: 74 [RL017] "gpu limit 0 is zero, which Flyte treats as unset"
def plugin() -> None: ...


@task(
    pod_template=PodTemplate(
        pod_spec=V1PodSpec(
            containers=[
                V1Container(
                    name="primary",
                    resources=V1ResourceRequirements(requests={"cpu": "0", "memory": "1Gi"}),  # expect: 71 [RL017] "cpu request 0 is zero, which Flyte treats as unset"
                )
            ]
        )
    )
)
def templated() -> None: ...


# Clean: real amounts.
@task(requests=Resources(cpu="500m", mem="1Gi"), limits=Resources(cpu="1", mem="2Gi"))
def clean() -> None: ...


@workflow
def wf() -> None:
    clean().with_overrides(limits=Resources(gpu=0))  # expect: 49 [RL017] "gpu limit 0 is zero, which Flyte treats as unset"
    clean().with_overrides(requests=Resources(cpu="1"))
