"""accelerator= values that flytekit or the cluster cannot use."""
from flytekit import Resources, task, workflow
from flytekit.extras import accelerators
from flytekit.extras.accelerators import A100, A100_80GB, H100, L4, T4, V5E, GPUAccelerator

GPU = Resources(gpu="1")


@task(limits=GPU, accelerator="nvidia-tesla-t4")  # expect: 31 [RL012] "is a string, not an accelerator object; serialization fails with AttributeError 'str' object has no attribute 'to_flyte_idl'; use T4"
def string_device() -> None: ...


@task(limits=GPU, accelerator=H100.partition_1g_10gb)  # expect: 31 [RL012] "H100 (nvidia-h100) has no partitions, so H100.partition_1g_10gb raises AttributeError at import"
def h100_slice() -> None: ...


@task(limits=GPU, accelerator=A100.partition_1g_10gb)  # expect: 31 [RL012] "A100 has no partition_1g_10gb, so the import fails with AttributeError; A100_80GB has it"
def wrong_a100() -> None: ...


@task(limits=GPU, accelerator=T4.unpartitioned)  # expect: 31 [RL012] "T4.unpartitioned raises AttributeError"
def whole_t4() -> None: ...


@task(limits=GPU, accelerator=A100.partitioned("3g.40gb"))  # expect: 31 [RL012] "3g.40gb is not a partition size of A100 (nvidia-tesla-a100) but of A100_80GB, so no node matches"
def pending_forever() -> None: ...


@task(limits=GPU, accelerator=GPUAccelerator("nvidia-b200"))  # expect: 31 [RL012] "names a device flytekit does not know; it must equal the cluster's gpu-device-node-label value exactly"
def custom_device() -> None: ...


@task(limits=GPU, accelerator=accelerators.B200)  # expect: 31 [RL012] "defines no B200"
def missing_constant() -> None: ...


@task(limits=GPU, accelerator=1)  # expect: 31 [RL012] "accelerator=1 is not an accelerator object"
def number() -> None: ...


# Clean: predefined constants, partitions and slices.
@task(limits=GPU, accelerator=A100_80GB.partition_3g_40gb)
def mig_slice() -> None: ...


@task(limits=GPU, accelerator=A100.unpartitioned)
def whole_a100() -> None: ...


@task(limits=GPU, accelerator=A100.partitioned("2g.10gb"))
def known_size() -> None: ...


@task(limits=Resources(gpu="4"), accelerator=V5E.slice_2x4)
def tpu() -> None: ...


@task(limits=GPU, accelerator=GPUAccelerator("nvidia-tesla-t4"))
def spelled_out() -> None: ...


@task(limits=GPU, accelerator=GPUAccelerator(""))  # expect: 31 [RL012] "has an empty device"
def empty_device() -> None: ...


@task(limits=GPU, accelerator=L4 if FAST else T4)
def either() -> None: ...


@workflow
def wf() -> None:
    either().with_overrides(accelerator="nvidia-l4")  # expect: 41 [RL012] "; use L4"
    either().with_overrides(accelerator=A100.partition_2g_10gb)
