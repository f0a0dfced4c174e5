"""Training pipeline for the ranking model.

Resources("cpu=1") in this docstring is documentation, not a declaration.
"""
from flytekit import Resources, task, workflow
from flytekit.extras.accelerators import A100, T4

import pandas as pd

# Shared sizes for the feature tasks.
FEATURE_MEM = "8Gi"
FEATURES = Resources(cpu=("2", "4"), mem=FEATURE_MEM)


@task(resources=FEATURES)
def build_features(day: str) -> pd.DataFrame:
    ...


@task(
    requests=Resources(cpu="4", mem="16Gi", gpu="1"),
    limits=Resources(cpu="4", mem="16Gi", gpu="1"),
    accelerator=A100.partition_2g_10gb,
)
def train(features: pd.DataFrame) -> str:
    ...


# Someone meant 2 GiB here: this is 2048 bytes.
@task(requests=Resources(cpu="1", mem="2048"))
def evaluate(model: str) -> float:
    ...


# The limit is lower than the request: flyteadmin accepts it (both round up to one core)
# and the task silently runs with 500m.
@task(requests=Resources(cpu="900m", mem="1Gi"), limits=Resources(cpu="500m", mem="1Gi"))
def publish(model: str, score: float) -> None:
    ...


@task(limits=Resources(gpu="1", mem="12GB"))
def explain(model: str) -> None:
    ...


@workflow
def ranking(day: str) -> None:
    features = build_features(day=day)
    model = train(features=features)
    score = evaluate(model=model)
    publish(model=model, score=score)
    explain(model=model).with_overrides(accelerator=T4)
