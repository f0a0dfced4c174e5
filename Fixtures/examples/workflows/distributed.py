"""Distributed fine-tuning with the PyTorch plugin."""
from flytekit import Resources, task
from flytekit.extras.accelerators import L4
from flytekitplugins.kfpytorch import PyTorch, Worker


@task(
    task_config=PyTorch(
        num_workers=4,
        # 4096 bytes per worker: almost certainly meant 4096Mi.
        worker=Worker(replicas=4, requests=Resources(cpu="4", mem=4096)),
    ),
    requests=Resources(cpu="4", mem="32Gi", gpu="1"),
    limits=Resources(cpu="8", mem="32Gi", gpu="1"),
    accelerator=L4,
)
def finetune(base_model: str) -> str:
    ...
