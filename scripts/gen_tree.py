#!/usr/bin/env python3
"""Generate a deterministic, seeded monorepo-like tree for benchmarking resourcelint.

usage: gen_tree.py OUT_DIR [PY_FILES] [YAML_FILES] [SEED]

The tree looks like a company monorepo: `services/*/src/...` and `libs/*/...` Python
packages, `deploy/k8s/...` manifests, `charts/*/values.yaml` and `templates/`, `.github/`
workflows, compose files, Flyte configuration. Python files follow a log-normal size
distribution (median about 3 KB, a tail to ~60 KB) made of ordinary code: imports, classes,
methods, docstrings, comments, UTF-8 strings. About 4 % are Flyte modules that declare
resources in every form the scanner reads (task decorators, module constants, aliased
imports, with_overrides, ContainerTask/ShellTask, plugin configs, pod templates,
accelerators); about 3 % are ordinary modules that merely mention words such as
`ResourceSpec` or `accelerator` (they pass the prefilter but declare nothing). A few values
are wrong on purpose, so that the linter has findings to report.

The same arguments always give byte-identical trees (one `random.Random(SEED)`, no clock,
no hash ordering).
"""
import os
import random
import sys

WORDS = (
    "account order invoice payment customer user session cache queue event metric report "
    "record batch stream shard tenant region quota budget ledger catalog product price "
    "shipment vendor schedule window feature model dataset split label score ranker "
    "embedding index token parser config client server handler router registry"
).split()

CPUS = ["100m", "250m", "500m", "1", "2", "4", "8"]
MEMS = ["256Mi", "512Mi", "1Gi", "2Gi", "4Gi", "8Gi", "16Gi"]
BAD_MEMS = ["1GB", "2048", "4gi"]


def ident(rng: random.Random) -> str:
    return f"{rng.choice(WORDS)}_{rng.choice(WORDS)}"


def camel(rng: random.Random) -> str:
    return rng.choice(WORDS).capitalize() + rng.choice(WORDS).capitalize()


def header(rng: random.Random, title: str) -> str:
    imports = rng.sample(
        [
            "import os", "import sys", "import json", "import logging", "import time",
            "import itertools", "import functools", "import re",
            "from collections import defaultdict", "from typing import Any, Iterable, Optional",
            "from dataclasses import dataclass, field", "from pathlib import Path",
            "import numpy as np", "import pandas as pd", "from pydantic import BaseModel",
        ],
        rng.randint(3, 8),
    )
    return f'"""{title}."""\n' + "\n".join(sorted(imports)) + "\n\nlogger = logging.getLogger(__name__)\n"


def function(rng: random.Random) -> str:
    name = ident(rng)
    arg = rng.choice(WORDS)
    body = [
        f'    """Return the {rng.choice(WORDS)} of each {arg}, skipping empty ones."""',
        "    result = []",
        f"    for item in {arg}s:",
        "        if not item:",
        "            continue  # nothing to do for an empty item",
        f"        value = item.get({rng.choice(WORDS)!r}, {rng.randint(0, 999)})",
        f"        if value > {rng.randint(1, 100)}:",
        f'            logger.debug("large value %s for %s", value, {arg!r})',
        "        result.append(value)",
    ]
    if rng.random() < 0.3:
        body.append(f'    message = f"{{len(result)}} {rng.choice(WORDS)}s — übersicht ✓"')
    if rng.random() < 0.4:
        body += [
            "    try:",
            f"        total = sum(result) / max(len(result), 1)",
            "    except (TypeError, ValueError) as error:",
            '        raise RuntimeError("cannot summarise") from error',
        ]
    body.append("    return result")
    return f"\n\ndef {name}({arg}s: list[dict[str, Any]]) -> list[int]:\n" + "\n".join(body) + "\n"


def klass(rng: random.Random) -> str:
    name = camel(rng)
    fields = "\n".join(
        f"    {rng.choice(WORDS)}_{i}: {rng.choice(['int', 'str', 'float', 'bool'])} = "
        f"{rng.choice(['0', repr(''), '0.0', 'False'])}"
        for i in range(rng.randint(2, 6))
    )
    methods = "".join(
        f"\n    def {ident(rng)}(self, value: int) -> int:\n"
        f'        """Scale by {rng.randint(2, 9)}."""\n'
        f"        return value * {rng.randint(2, 9)} + len(self.__dict__)\n"
        for _ in range(rng.randint(1, 4))
    )
    return f"\n\n@dataclass\nclass {name}:\n    \"\"\"A {rng.choice(WORDS)} record.\"\"\"\n\n{fields}\n{methods}"


def body(rng: random.Random, target_bytes: int) -> str:
    parts = []
    size = 0
    while size < target_bytes:
        piece = klass(rng) if rng.random() < 0.3 else function(rng)
        parts.append(piece)
        size += len(piece)
    return "".join(parts)


def plain_size(rng: random.Random) -> int:
    return min(int(rng.lognormvariate(8.0, 0.9)), 60_000)


def mentions_module(rng: random.Random) -> str:
    """Ordinary code that mentions prefilter words without declaring anything."""
    return rng.choice([
        "\n\nclass ResourceSpecBuilder:\n    \"\"\"Builds ResourceSpec-like dicts for the UI.\"\"\"\n\n"
        "    def build(self) -> dict:\n        return {\"accelerator\": None}\n",
        "\n\n# TODO: the accelerator lookup moved to the scheduler service.\n"
        "def accelerator_name(node: dict) -> str:\n    return node.get(\"accelerator\", \"none\")\n",
        "\n\ndef describe(resources):\n    \"\"\"Say what Resources(cpu=...) would mean.\"\"\"\n"
        "    return \"Resources(cpu=%s)\" % resources\n",
    ])


def flyte_module(rng: random.Random, n: int) -> str:
    """A Flyte module with declarations in several of the forms the scanner reads."""
    cpu, cpu2 = sorted(rng.sample(CPUS, 2), key=CPUS.index)
    mem = rng.choice(MEMS)
    bad = rng.choice(BAD_MEMS) if rng.random() < 0.1 else mem
    use_alias = rng.random() < 0.3
    res = "R" if use_alias else "Resources"
    imports = [
        "from flytekit import ContainerTask, PodTemplate, kwtypes, task, workflow",
        "from flytekit import Resources as R" if use_alias else "from flytekit import Resources",
        "from flytekit.extras.accelerators import A100, L4, T4",
        "from kubernetes.client import V1Container, V1PodSpec, V1ResourceRequirements",
    ]
    if rng.random() < 0.3:
        imports.append("from flytekitplugins.kfpytorch import Master, PyTorch, Worker")
    out = [f'"""Flyte pipeline {n}."""', *imports, "",
           f'MEMORY = "{mem}"',
           f"SIZE = {res}(cpu=(\"{cpu}\", \"{cpu2}\"), mem=MEMORY)", ""]
    forms = rng.sample(
        ["decorator", "constant", "override", "container", "plugin", "pod", "gpu", "shell"],
        rng.randint(2, 5))
    tasks = []
    for index, form in enumerate(forms):
        name = f"{form}_{n}_{index}"
        if form == "decorator":
            out.append(f'\n@task(requests={res}(cpu="{cpu}", mem="{bad}"), '
                       f'limits={res}(cpu="{cpu2}", mem="{mem}"))')
        elif form == "constant":
            out.append("\n@task(resources=SIZE, retries=2)")
        elif form == "gpu":
            out.append(f'\n@task(limits={res}(gpu="1", mem="{mem}"), '
                       f'accelerator={rng.choice(["A100.partition_1g_5gb", "L4", "T4"])})')
        elif form == "override":
            out.append(f'\n@task(requests={res}(cpu="{cpu}"))')
        elif form == "pod":
            out.append(
                "\n@task(\n    pod_template=PodTemplate(\n        primary_container_name=\"primary\",\n"
                "        pod_spec=V1PodSpec(\n            containers=[\n                V1Container(\n"
                "                    name=\"primary\",\n"
                "                    resources=V1ResourceRequirements(\n"
                f"                        requests={{\"cpu\": \"{cpu}\", \"memory\": \"{mem}\"}},\n"
                f"                        limits={{\"memory\": \"{mem}\"}},\n"
                "                    ),\n                )\n            ]\n        ),\n    ),\n)")
        elif form == "plugin" and "Worker" in "\n".join(imports):
            out.append(
                "\n@task(\n    task_config=PyTorch(\n"
                f"        worker=Worker(replicas=2, requests={res}(cpu=\"{cpu}\", mem=\"{mem}\")),\n"
                f"        master=Master(limits={res}(cpu=\"{cpu2}\")),\n    ),\n)")
        elif form in ("container", "shell", "plugin"):
            out.append(
                f"\n{name} = ContainerTask(\n    name=\"{name}\",\n    image=\"ghcr.io/acme/{name}:1\",\n"
                "    inputs=kwtypes(a=float),\n    outputs=kwtypes(b=float),\n"
                f"    resources={res}(cpu=(\"{cpu}\", \"{cpu2}\"), mem=\"{mem}\"),\n"
                "    command=[\"run\", \"{{.inputs.a}}\"],\n)")
            continue
        out.append(f"def {name}(x: int) -> int:\n    \"\"\"Step {index}.\"\"\"\n    return x + {index}\n")
        tasks.append(name)
    if tasks:
        calls = []
        previous = "x"
        for index, name in enumerate(tasks):
            call = f"{name}(x={previous})"
            if index == 0 and "override" in forms:
                call += f'.with_overrides(limits={res}(cpu="{cpu2}"), requests={res}(mem="{mem}"))'
            calls.append(f"    v{index} = {call}")
            previous = f"v{index}"
        out.append(f"\n@workflow\ndef wf_{n}(x: int) -> int:\n" + "\n".join(calls)
                   + f"\n    return {previous}\n")
    return "\n".join(out) + body(rng, plain_size(rng) // 2)


# ---------------------------------------------------------------------------- YAML


def deployment(rng: random.Random, n: int) -> str:
    cpu, cpu2 = sorted(rng.sample(CPUS, 2), key=CPUS.index)
    mem = rng.choice(MEMS)
    kind = rng.choice(["Deployment", "StatefulSet", "DaemonSet"])
    env = "".join(
        f"            - name: {rng.choice(WORDS).upper()}_{i}\n              value: \"{rng.randint(1, 99)}\"\n"
        for i in range(rng.randint(2, 10)))
    doc = f"""apiVersion: apps/v1
kind: {kind}
metadata:
  name: svc-{n}
  labels:
    app.kubernetes.io/name: svc-{n}
    app.kubernetes.io/part-of: {rng.choice(WORDS)}
spec:
  replicas: {rng.randint(1, 6)}
  selector:
    matchLabels:
      app.kubernetes.io/name: svc-{n}
  template:
    metadata:
      labels:
        app.kubernetes.io/name: svc-{n}
    spec:
      serviceAccountName: svc-{n}
      containers:
        - name: app
          image: ghcr.io/acme/svc-{n}:1.{rng.randint(0, 40)}
          ports:
            - containerPort: 8080
          env:
{env}          resources:
            requests: {{cpu: {cpu}, memory: {mem}}}
            limits: {{cpu: "{cpu2}", memory: {mem}}}
          readinessProbe:
            httpGet: {{path: /healthz, port: 8080}}
"""
    if rng.random() < 0.5:
        doc += f"""---
apiVersion: v1
kind: Service
metadata:
  name: svc-{n}
spec:
  selector:
    app.kubernetes.io/name: svc-{n}
  ports:
    - port: 80
      targetPort: 8080
"""
    return doc


def cronjob(rng: random.Random, n: int) -> str:
    return f"""apiVersion: batch/v1
kind: CronJob
metadata:
  name: nightly-{n}
spec:
  schedule: "{rng.randint(0, 59)} {rng.randint(0, 23)} * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          initContainers:
            - name: migrate
              image: ghcr.io/acme/migrate:2
          containers:
            - name: job
              image: ghcr.io/acme/job-{n}:1
              args: ["--date", "$(date)"]
              resources:
                requests:
                  cpu: {rng.choice(CPUS)}
                  memory: {rng.choice(MEMS + BAD_MEMS[:1])}
"""


def helm_values(rng: random.Random, n: int) -> str:
    blocks = []
    for component in rng.sample(WORDS, rng.randint(2, 6)):
        size = rng.randrange(len(MEMS))
        blocks.append(f"""{component}:
  enabled: {rng.choice(['true', 'false'])}
  replicaCount: {rng.randint(1, 5)}
  image:
    repository: ghcr.io/acme/{component}
    tag: "{rng.randint(1, 9)}.{rng.randint(0, 20)}"
  service:
    type: ClusterIP
    port: {rng.choice([80, 8080, 9090])}
  resources:
    requests:
      cpu: {rng.choice(CPUS)}
      memory: {MEMS[size]}
    limits:
      memory: {MEMS[min(size + rng.randint(0, 2), len(MEMS) - 1)]}
  nodeSelector: {{}}
  tolerations: []
""")
    return f"# Default values for chart-{n}.\n" + "\n".join(blocks)


def helm_template(rng: random.Random, n: int) -> str:
    return f"""apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{{{ include "chart.fullname" . }}}}-{n}
spec:
  replicas: {{{{ .Values.replicaCount }}}}
  template:
    spec:
      containers:
        - name: {{{{ .Chart.Name }}}}
          resources:
            {{{{- toYaml .Values.resources | nindent 12 }}}}
"""


def compose(rng: random.Random, n: int) -> str:
    services = "".join(f"""  {name}:
    image: {rng.choice(['redis:7', 'postgres:16', 'nginx:1.27', 'ghcr.io/acme/api:1'])}
    restart: unless-stopped
    environment:
      - LOG_LEVEL=info
    deploy:
      resources:
        limits: {{cpus: "0.5", memory: 256M}}
""" for name in rng.sample(WORDS, rng.randint(2, 5)))
    return f"services:\n{services}volumes:\n  data{n}: {{}}\n"


def github_workflow(rng: random.Random, n: int) -> str:
    steps = "".join(
        f"      - name: {rng.choice(WORDS)} step {i}\n        run: make {rng.choice(WORDS)}\n"
        for i in range(rng.randint(3, 12)))
    return f"""name: ci-{n}
on:
  push:
    branches: [main]
  pull_request:
jobs:
  test:
    runs-on: ubuntu-latest
    timeout-minutes: 30
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
{steps}"""


def flyte_admin(rng: random.Random, n: int) -> str:
    return f"""# flyteadmin configuration {n}
server:
  httpPort: 8088
  grpc:
    port: 8089
task_resources:
  defaults:
    cpu: {rng.choice(CPUS[:3])}
    memory: {rng.choice(MEMS[:3])}
  limits:
    cpu: {rng.choice(CPUS[3:])}
    memory: {rng.choice(MEMS[3:])}
    gpu: 1
"""


def flyte_attributes(rng: random.Random, n: int) -> str:
    return f"""project: {rng.choice(WORDS)}-{n}
domain: {rng.choice(['development', 'staging', 'production'])}
defaults:
  cpu: "{rng.choice(CPUS[:3])}"
  memory: "{rng.choice(MEMS[:3])}"
limits:
  cpu: "{rng.choice(CPUS[3:])}"
  memory: "{rng.choice(MEMS[3:] + BAD_MEMS[:1])}"
"""


def plain_config(rng: random.Random, n: int) -> str:
    """YAML with nothing to lint: app settings, OpenAPI fragments, dependabot, mkdocs."""
    lines = [f"# settings {n}", f"name: {rng.choice(WORDS)}-{n}", "features:"]
    for word in rng.sample(WORDS, rng.randint(4, 20)):
        lines.append(f"  {word}:\n    enabled: {rng.choice(['true', 'false'])}\n"
                     f"    threshold: {rng.random():.3f}\n    description: \"{word} — ok\"")
    return "\n".join(lines) + "\n"


YAML_KINDS = [
    (deployment, "deploy/k8s", 24), (cronjob, "deploy/k8s/jobs", 6),
    (helm_values, "charts", 12), (helm_template, "charts", 8), (compose, "compose", 6),
    (github_workflow, ".github/workflows", 10), (flyte_admin, "flyte/config", 3),
    (flyte_attributes, "flyte/attributes", 3), (plain_config, "config", 28),
]


def write(path: str, text: str) -> None:
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)


def main() -> None:
    out = sys.argv[1]
    py_files = int(sys.argv[2]) if len(sys.argv) > 2 else 20_000
    yaml_files = int(sys.argv[3]) if len(sys.argv) > 3 else 3_000
    rng = random.Random(int(sys.argv[4]) if len(sys.argv) > 4 else 42)
    write(os.path.join(out, ".gitignore"), "__pycache__/\n*.pyc\n.venv/\nbuild/\ndist/\n")
    for n in range(py_files):
        area = "services" if n % 3 else "libs"
        package = f"{area}/{WORDS[n // 400 % len(WORDS)]}{n // 400}/src/pkg{n // 40}"
        roll = rng.random()
        if roll < 0.04:
            text = flyte_module(rng, n)
            name = f"workflows/flow{n}.py"
        else:
            text = header(rng, f"Module {n}") + body(rng, plain_size(rng))
            if roll < 0.07:
                text += mentions_module(rng)
            name = f"mod{n}.py"
        write(os.path.join(out, package, name), text)
    weights = [kind[2] for kind in YAML_KINDS]
    for n in range(yaml_files):
        make, directory, _ = rng.choices(YAML_KINDS, weights)[0]
        if directory == "charts":
            chart = f"charts/chart{n // 20}"
            if make is helm_template:
                path = f"{chart}/templates/deployment{n}.yaml"
            else:
                path = f"{chart}/values{n}.yaml"
        else:
            path = f"{directory}/{n // 100}/file{n}.yaml"
        write(os.path.join(out, path), make(rng, n))


if __name__ == "__main__":
    main()
