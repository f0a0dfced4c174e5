"""Accelerators with and without a GPU to apply to."""
from flytekit import PodTemplate, Resources, task, workflow
from flytekit.extras.accelerators import A100, L4, T4, GPUAccelerator
from kubernetes.client import V1Container, V1PodSpec, V1ResourceRequirements


@task(accelerator=T4)  # expect: 19 [RL011] "accelerator T4 (nvidia-tesla-t4) is ignored: the task asks for no GPU"
def embed() -> None: ...


@task(requests=Resources(cpu="4", mem="16Gi"), accelerator=A100.partition_1g_5gb)  # expect: 60 [RL011]
def preprocess() -> None: ...


@task(requests=Resources(gpu="0"), accelerator=GPUAccelerator("nvidia-l4"))  # expect: 48 [RL011] "is ignored: the task asks for no GPU"
def zero_gpus() -> None: ...


# Clean: the GPU comes from the decorator.
@task(limits=Resources(gpu="1"), accelerator=L4)
def train() -> None: ...


# Clean: resources= with a single GPU value is a request, which the backend copies to the limit.
@task(resources=Resources(gpu="1", cpu=("2", "4")), accelerator=L4)
def finetune() -> None: ...


# Clean: the GPU comes from the pod template's primary container.
@task(
    accelerator=T4,
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
)
def template_gpu() -> None: ...


# Clean: the GPU count cannot be known statically.
@task(limits=Resources(gpu=GPU_COUNT), accelerator=T4)
def dynamic_gpus() -> None: ...


# Clean: an override in this file gives the task a GPU.
@task(accelerator=A100)
def scored() -> None: ...


@workflow
def wf() -> None:
    embed()
    scored().with_overrides(limits=Resources(gpu="1"))
    # The node keeps no GPU: neither the override nor the task asks for one.
    preprocess().with_overrides(accelerator=L4)  # expect: 45 [RL011] "accelerator L4 (nvidia-l4) is ignored: neither the override nor its task"
    # Clean: the task has a GPU.
    train().with_overrides(accelerator=A100)
    # Clean: the task is not in this file.
    imported_task().with_overrides(accelerator=T4)
