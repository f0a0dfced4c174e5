"""SEMANTICS.md §7.1, cases 1–43, with exactly the findings each case calls for.

Every task is named after its case. Cases 11 and 12 are about platform limits and live in
python-platform-cases.py, which runs with the flyte-core chart's platform configuration
that §7 assumes; 42 and 43 are in both (without a platform nothing fires for them).
"""
from flytekit import PodTemplate, Resources, task, workflow
from flytekit.extras.accelerators import A100, H100, L4, T4
from flytekitplugins.kfpytorch import PyTorch, Worker
from flytekitplugins.ray import RayJobConfig, WorkerNodeConfig
from kubernetes.client import V1Container, V1PodSpec, V1ResourceRequirements


@task(requests=Resources(mem=1024))  # expect: 30 [RL002] 30 [RL005]
def case_01() -> None: ...


@task(requests=Resources(mem="1024"))  # expect: 30 [RL002]
def case_02() -> None: ...


@task(resources=Resources(cpu=("1", "2"), mem="1Gi"))
def case_03() -> None: ...


@task(resources=Resources(cpu="1"))
def case_04() -> None: ...


@task(resources=Resources(cpu=("4", "2")))  # expect: 37 [RL001]
def case_05() -> None: ...


@task(requests=Resources(cpu="900m"), limits=Resources(cpu="500m"))  # expect: 60 [RL001]
def case_06() -> None: ...


@task(requests=Resources(cpu=("1", "2")))  # expect: 30 [RL014]
def case_07() -> None: ...


@task(resources=Resources(cpu="1"), limits=Resources(mem="1Gi"))  # expect: 37 [RL013]
def case_08() -> None: ...


@task(limits=Resources(gpu="1"))  # expect: 28 [RL003]
def case_09() -> None: ...


@task(accelerator=T4)  # expect: 19 [RL011]
def case_10() -> None: ...


@task(limits=Resources(gpu="0.5"))  # expect: 28 [RL010]
def case_13() -> None: ...


@task(requests=Resources(gpu="1"), limits=Resources(gpu="2"))  # expect: 57 [RL009]
def case_14() -> None: ...


@task(requests=Resources(mem="1GB"))  # expect: 30 [RL004]
def case_15() -> None: ...


@task(limits=Resources(mem=" 1Gi"))  # expect: 28 [RL004]
def case_16() -> None: ...


@task(requests=Resources(cpu="500M"))  # expect: 30 [RL007]
def case_17() -> None: ...


@task(requests=Resources(mem="512m"))  # expect: 30 [RL006]
def case_18() -> None: ...


@task(requests=Resources(mem="Gi"))  # expect: 30 [RL017]
def case_19() -> None: ...


@task(requests=Resources(cpu=0, mem="0"))  # expect: 30 [RL005] 30 [RL017] 37 [RL017]
def case_20() -> None: ...


@task(requests=Resources(cpu="-1"))  # expect: 30 [RL018]
def case_21() -> None: ...


case_22 = Resources(gpu=1.0)  # expect: 25 [RL015]

case_23a = Resources(mem=("1Gi",))  # expect: 26 [RL015]
case_23b = Resources(cpu=("1", "2", "3"))  # expect: 26 [RL015]

case_24 = Resources(memory="1Gi")  # expect: 21 [RL015]


@task(requests=Resources(cpu="1"), accelerator="nvidia-tesla-t4")  # expect: 48 [RL012]
def case_25() -> None: ...


@task(limits=Resources(gpu="1"), accelerator=H100.partition_1g_10gb)  # expect: 46 [RL012]
def case_26() -> None: ...


@task(limits=Resources(gpu="1"), accelerator=A100.partitioned("3g.40gb"))  # expect: 46 [RL012]
def case_27() -> None: ...


@task(requests=Resources(cpu="1"))
def t() -> None: ...


@workflow
def overrides() -> None:
    t().with_overrides(requests=Resources(cpu="4"))  # case 28  # expect: 47 [RL016]
    t().with_overrides(requests=Resources(mem=2048))  # case 29  # expect: 47 [RL002] 47 [RL005]
    t().with_overrides(limits=Resources(cpu=0.5))  # case 30  # expect: 45 [RL001] 45 [RL005]
    t().with_overrides(resources=Resources(cpu="1"), limits=Resources(cpu="2"))  # case 31  # expect: 54 [RL013]
    t().with_overrides(requests=Resources(cpu=True))  # case 32  # expect: 47 [RL004] 47 [RL015]


@task(
    requests=Resources(cpu="2"),
    pod_template=PodTemplate(
        pod_spec=V1PodSpec(
            containers=[
                V1Container(
                    name="primary",
                    resources=V1ResourceRequirements(limits={"memory": "8Gi", "nvidia.com/gpu": "1"}),  # expect: 72 [RL019] 97 [RL019]
                )
            ]
        )
    ),
)
def case_33() -> None: ...


@task(
    pod_template=PodTemplate(
        pod_spec=V1PodSpec(
            containers=[
                V1Container(
                    name="primary",
                    resources=V1ResourceRequirements(limits={"nvidia.com/gpu": "1"}),
                )
            ]
        )
    ),
    accelerator=T4,
)
def case_34() -> None: ...


@task(
    requests=Resources(cpu="1"),
    pod_template=PodTemplate(
        pod_spec=V1PodSpec(
            containers=[
                V1Container(name="main", resources=V1ResourceRequirements(limits={"memory": "2Gi"}))  # expect: 34 [RL020]
            ]
        )
    ),
)
def case_35() -> None: ...


@task(requests=Resources(mem=1024), pod_template=PodTemplate())  # expect: 30 [RL002] 30 [RL005]
def case_36() -> None: ...


@task(task_config=PyTorch(worker=Worker(replicas=2, requests=Resources(cpu="1", mem=4096))))  # expect: 85 [RL002] 85 [RL005]
def case_37() -> None: ...


@task(task_config=PyTorch(worker=Worker(replicas=2, requests=Resources(cpu=("1", "2")))))  # expect: 76 [RL014]
def case_38() -> None: ...


my_pt = PodTemplate(primary_container_name="primary")
case_39 = RayJobConfig(
    worker_node_config=[
        WorkerNodeConfig(group_name="w", replicas=2, requests=Resources(cpu="2"), pod_template=my_pt)  # expect: 83 [RL022]
    ]
)


@task(shared_memory=1024)  # expect: 21 [RL015]
def case_40() -> None: ...


@task(requests=Resources(cpu="1.5", mem="1.5Gi"))
def case_41() -> None: ...


@task(limits=Resources(cpu="2", mem="4Gi"))
def case_42() -> None: ...


@task(resources=Resources(gpu="1", cpu=("2", "4"), mem=("8Gi", "8Gi")), accelerator=L4)
def case_43() -> None: ...
