#!/usr/bin/env python3
"""Generate a deterministic monorepo-like tree for timing resourcelint against rg.

usage: gen_tree.py OUT_DIR [PY_FILES] [YAML_FILES] [SEED]
A few percent of the Python files are Flyte modules with declarations in several forms;
the rest is ordinary code. YAML files mix Kubernetes workloads, Helm values, compose
files, CI workflows and Flyte configs.
"""
import os
import random
import sys

PLAIN_PY = '''"""Module {n}: ordinary application code."""
import os
from dataclasses import dataclass


@dataclass
class Record{n}:
    key: str
    value: int = {n}


def load_{n}(path: str) -> list[Record{n}]:
    records = []
    with open(path) as handle:
        for line in handle:
            key, _, value = line.partition("=")
            records.append(Record{n}(key.strip(), int(value or 0)))
    return records


def summarize_{n}(records: list[Record{n}]) -> dict[str, int]:
    totals: dict[str, int] = {{}}
    for record in records:
        totals[record.key] = totals.get(record.key, 0) + record.value
    return totals
'''

FLYTE_PY = '''"""Flyte workflow {n}."""
from flytekit import Resources, task, workflow
from flytekit.extras.accelerators import A100, T4

SIZE = Resources(cpu=("{cpu}", "{cpu2}"), mem="{mem}")


@task(resources=SIZE)
def prepare_{n}(x: int) -> int:
    return x + 1


@task(requests=Resources(cpu="{cpu}", mem="{mem}"), limits=Resources(cpu="{cpu2}", mem="{mem}"))
def train_{n}(x: int) -> int:
    return x * 2


@task(limits=Resources(gpu="1", mem="{mem}"), accelerator=A100.partition_1g_5gb)
def gpu_{n}(x: int) -> int:
    return x


@workflow
def wf_{n}(x: int) -> int:
    y = prepare_{n}(x=x)
    z = train_{n}(x=y).with_overrides(requests=Resources(cpu="{cpu2}"), limits=Resources(cpu="{cpu2}"))
    return gpu_{n}(x=z)
'''

DEPLOYMENT = '''apiVersion: apps/v1
kind: Deployment
metadata:
  name: svc-{n}
spec:
  replicas: 2
  template:
    spec:
      containers:
        - name: app
          image: ghcr.io/acme/svc-{n}:1.0
          resources:
            requests: {{cpu: {cpu}, memory: {mem}}}
            limits: {{cpu: "{cpu2}", memory: {mem}}}
'''

VALUES = '''replicaCount: 2
image:
  repository: ghcr.io/acme/chart-{n}
  tag: "1.0"
worker:
  resources:
    requests:
      cpu: {cpu}
      memory: {mem}
    limits:
      memory: {mem}
'''

COMPOSE = '''services:
  app{n}:
    image: redis:7
    deploy:
      resources:
        limits: {{cpus: "0.5", memory: 50M}}
'''

WORKFLOW = '''name: ci-{n}
on: [push]
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: make test
'''


def main() -> None:
    out = sys.argv[1]
    py_files = int(sys.argv[2]) if len(sys.argv) > 2 else 3000
    yaml_files = int(sys.argv[3]) if len(sys.argv) > 3 else 500
    rng = random.Random(int(sys.argv[4]) if len(sys.argv) > 4 else 42)
    for n in range(py_files):
        directory = os.path.join(out, f"pkg{n // 100}")
        os.makedirs(directory, exist_ok=True)
        values = dict(n=n, cpu=rng.choice(["500m", "1", "2"]), cpu2=rng.choice(["2", "4"]),
                      mem=rng.choice(["1Gi", "2Gi", "4Gi"]))
        template = FLYTE_PY if rng.random() < 0.04 else PLAIN_PY
        with open(os.path.join(directory, f"mod{n}.py"), "w") as handle:
            handle.write(template.format(**values))
    for n in range(yaml_files):
        directory = os.path.join(out, f"deploy{n // 100}")
        os.makedirs(directory, exist_ok=True)
        values = dict(n=n, cpu=rng.choice(["500m", "1", "2"]), cpu2=rng.choice(["2", "4"]),
                      mem=rng.choice(["1Gi", "2Gi", "4Gi"]))
        template = rng.choice([DEPLOYMENT, DEPLOYMENT, VALUES, COMPOSE, WORKFLOW])
        with open(os.path.join(directory, f"res{n}.yaml"), "w") as handle:
            handle.write(template.format(**values))


if __name__ == "__main__":
    main()
