# platform: {defaults: {cpu: 100m, mem: 500Mi}, limits: {cpu: "2", mem: 1Gi, gpu: "1"}}
"""SEMANTICS.md §7.1 cases about platform limits, with the flyte-core chart's platform
configuration that §7 assumes (defaults cpu 100m, memory 500Mi; limits cpu 2, memory 1Gi,
gpu 1), given by the header above as `--platform` would give it.
"""
from flytekit import Resources, task
from flytekit.extras.accelerators import A100, L4


@task(limits=Resources(gpu="2"), accelerator=A100.partition_1g_5gb)  # expect: 28 [RL021] "silently clamps the task to 1"
def case_11() -> None: ...


@task(requests=Resources(gpu="2"))  # expect: 30 [RL021] "rejects the task at registration"
def case_12() -> None: ...


@task(limits=Resources(cpu="2", mem="4Gi"))  # expect: 37 [RL021] "silently clamps the task to 1Gi"
def case_42() -> None: ...


@task(resources=Resources(gpu="1", cpu=("2", "4"), mem=("8Gi", "8Gi")), accelerator=L4)  # expect: 46 [RL021] "rejects" 57 [RL021] "rejects" 64 [RL021] "rejects"
def case_43() -> None: ...
