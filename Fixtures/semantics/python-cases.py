"""SEMANTICS.md §7.1: the cases that concern RL000–RL004 and the extracted values.

Each task is named after its case number. Cases whose findings belong to later rules are
listed with no expectation yet (they must not trigger RL000–RL004).
"""
from flytekit import PodTemplate, Resources, task, workflow
from flytekit.extras.accelerators import A100, L4, T4
from flytekitplugins.kfpytorch import PyTorch, Worker


@task(requests=Resources(mem=1024))  # expect: 30 [RL002] "1,024 bytes (1 KiB), too little"
def case_01() -> None: ...


@task(requests=Resources(mem="1024"))  # expect: 30 [RL002] "1,024 bytes"
def case_02() -> None: ...


@task(resources=Resources(cpu=("1", "2"), mem="1Gi"))
def case_03() -> None: ...


@task(resources=Resources(cpu="1"))
def case_04() -> None: ...


@task(resources=Resources(cpu=("4", "2")))  # expect: 37 [RL001] "cpu limit 2 is below its request 4"
def case_05() -> None: ...


@task(requests=Resources(cpu="900m"), limits=Resources(cpu="500m"))  # expect: 60 [RL001] "cpu limit 500m is below its request 900m"
def case_06() -> None: ...


@task(limits=Resources(gpu="1"))  # expect: 28 [RL003] "gpu limit 1 has no accelerator"
def case_09() -> None: ...


@task(accelerator=T4)
def case_10() -> None: ...


@task(limits=Resources(gpu="2"), accelerator=A100.partition_1g_5gb)
def case_11() -> None: ...


@task(requests=Resources(mem="1GB"))  # expect: 30 [RL004] "did you mean \"1G\" or \"1Gi\"?"
def case_15() -> None: ...


@task(limits=Resources(mem=" 1Gi"))  # expect: 28 [RL004] "\" 1Gi\" is not a valid quantity"
def case_16() -> None: ...


@task(requests=Resources(mem="1.5Gi", cpu="1.5"))
def case_41() -> None: ...


@task(requests=Resources(mem=1024), pod_template=PodTemplate())  # expect: 30 [RL002] "1,024 bytes"
def case_36() -> None: ...


@task(task_config=PyTorch(worker=Worker(replicas=2, requests=Resources(cpu="1", mem=4096))))  # expect: 85 [RL002] "4,096 bytes"
def case_37() -> None: ...


@task(resources=Resources(gpu="1", cpu=("2", "4"), mem=("8Gi", "8Gi")), accelerator=L4)
def case_43() -> None: ...


@task(requests=Resources(cpu="1"))
def t() -> None: ...


@workflow
def overrides() -> None:
    t().with_overrides(requests=Resources(cpu="4"))  # case 28
    t().with_overrides(requests=Resources(mem=2048))  # expect: 47 [RL002] "memory request 2048 is 2,048 bytes"
    t().with_overrides(requests=Resources(cpu=True))  # expect: 47 [RL004] "str() of a Python bool"
