"""Python numbers and booleans in flytekit Resources: what each path does with them."""
from flytekit import ContainerTask, PodTemplate, Resources, task, workflow
from flytekit.extras.accelerators import L4
from flytekitplugins.kfpytorch import PyTorch, Worker
from flytekitplugins.ray import HeadNodeConfig, RayJobConfig, WorkerNodeConfig
from kubernetes.client import V1Container, V1PodSpec, V1ResourceRequirements


# SEMANTICS §7 case 1: pyflyte package fails with TypeError.
@task(requests=Resources(mem=1024))  # expect: 30 [RL005] "mem=1024 is an int: @task serialization fails with TypeError; write mem=\"1024Mi\""
def case_01() -> None: ...


# Case 20: the int 0 is dropped as falsy (no crash); the string "0" is kept.
@task(requests=Resources(cpu=0, mem="0"))  # expect: 30 [RL005] "cpu=0 is an int: @task drops falsy values, so no cpu request is sent"
def case_20() -> None: ...


@task(resources=Resources(cpu=(1, "2"), mem="4Gi", gpu=1), accelerator=L4)  # expect: 32 [RL005] "cpu=1 is an int" 56 [RL005] "gpu=1 is an int"
def tuple_items() -> None: ...


@task(limits=Resources(cpu=True, mem="1Gi"))  # expect: 28 [RL005] "cpu=True is a bool"
def boolean() -> None: ...


# Case 36: the pod-template path; kubernetes client 37+ raises a pydantic ValidationError.
@task(requests=Resources(mem=1024), pod_template=PodTemplate())  # expect: 30 [RL005] "kubernetes client 37+ rejects it in the pod spec with a pydantic ValidationError"
def case_36() -> None: ...


@task(
    pod_template=PodTemplate(
        pod_spec=V1PodSpec(
            containers=[
                V1Container(
                    name="primary",
                    resources=V1ResourceRequirements(requests={"cpu": 2, "memory": "4Gi"}),  # expect: 71 [RL005] "\"cpu\": 2 is an int: kubernetes client 37+ rejects it"
                )
            ]
        )
    )
)
def templated() -> None: ...


shell = ContainerTask(
    name="shell",
    image="alpine:3.20",
    command=["sh", "-c", "true"],
    requests=Resources(cpu=1.5, mem="256Mi"),  # expect: 28 [RL005] "ContainerTask serialization fails with TypeError; write cpu=\"1500m\""
)


# Case 37: plugin replica configs apply str(), so this works (info).
@task(task_config=PyTorch(worker=Worker(replicas=2, requests=Resources(cpu="1", mem=4096))))  # expect: 85 [RL005] "mem=4096 is an int; flytekit sends str(4096) = \"4096\", which is 4,096 bytes"
def case_37() -> None: ...


# Ray node configs copy the raw values into a pod spec.
@task(
    task_config=RayJobConfig(
        head_node_config=HeadNodeConfig(requests=Resources(cpu=2, mem="8Gi")),  # expect: 64 [RL005] "cpu=2 is an int: kubernetes client 37+"
        worker_node_config=[WorkerNodeConfig(group_name="w", replicas=2)],
    )
)
def ray_job() -> None: ...


# Not attached to anything in this file: where it ends up is unknown.
shared = Resources(cpu=0.5, mem="1Gi")  # expect: 24 [RL005] "if this Resources reaches @task, serialization fails"


@task(requests=Resources(cpu="1", mem="2Gi"), limits=Resources(cpu="2", mem="4Gi"))
def clean() -> None: ...


@workflow
def wf() -> None:
    clean().with_overrides(requests=Resources(mem=2048))  # expect: 51 [RL005] "str(2048) = \"2048\", which is 2,048 bytes"
    clean().with_overrides(limits=Resources(cpu=0.5))  # expect: 49 [RL005] "str(0.5) = \"0.5\", which is 0.5 cores"
    # Case 32: str(True) is "True", which invalid-quantity reports.
    clean().with_overrides(requests=Resources(cpu=True))
    clean().with_overrides(requests=Resources(cpu="500m", mem="1Gi"))
