from flytekit import Resources, task
from flytekit.extras import accelerators
from flytekit.extras.accelerators import A100, H100, L4, T4, GPUAccelerator


@task(limits=Resources(gpu="1"), accelerator=T4)
def constant() -> None: ...


@task(limits=Resources(gpu="1"), accelerator=A100.partition_1g_5gb)
def partition() -> None: ...


@task(limits=Resources(gpu="1"), accelerator=A100.unpartitioned)
def unpartitioned() -> None: ...


@task(limits=Resources(gpu="1"), accelerator=A100.partitioned("3g.40gb"))
def partitioned() -> None: ...


@task(limits=Resources(gpu="1"), accelerator=GPUAccelerator("nvidia-tesla-a100"))
def custom() -> None: ...


@task(limits=Resources(gpu="1"), accelerator=H100.partition_1g_10gb)
def unknown_partition() -> None: ...


@task(limits=Resources(gpu="1"), accelerator=accelerators.L4)
def module_qualified() -> None: ...


@task(requests=Resources(cpu="1"), accelerator="nvidia-tesla-t4")
def string_accelerator() -> None: ...


@task(accelerator=L4)
def accelerator_without_gpu() -> None: ...
