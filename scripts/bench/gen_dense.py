#!/usr/bin/env python3
"""Generate the benchmark's dense file: one Python module with very many task declarations.

usage: gen_dense.py OUT_FILE [TASKS] [SEED]      (defaults: 400000 tasks, seed 42)

Each task is one `@task(requests=Resources(...), limits=Resources(...))` decorator on a
one-line function, about 107 bytes a task (400,000 tasks: about 43 MB). Most are clean; a few
percent have something to report (a bad memory suffix, a limit below its request, no limits,
a bare integer memory), some carry a `# noqa` comment, some use a GPU with an accelerator. The
same arguments always give a byte-identical file (one `random.Random(SEED)`, no clock).
"""
import random
import sys

CPUS = ["250m", "500m", "1", "2", "4"]
MEMS = ["512Mi", "1Gi", "2Gi", "4Gi", "8Gi"]


def task(rng: random.Random, index: int) -> str:
    cpu, mem = rng.randrange(len(CPUS) - 1), rng.randrange(len(MEMS) - 1)
    request = f'cpu="{CPUS[cpu]}", mem="{MEMS[mem]}"'
    limit = f'cpu="{CPUS[cpu + 1]}", mem="{MEMS[mem + 1]}"'
    extra = ""
    roll = rng.random()
    if roll < 0.01:
        request = f'cpu="{CPUS[cpu]}", mem="{rng.choice(["1GB", "2gi", "4G"])}"'
    elif roll < 0.02:
        limit = f'cpu="{CPUS[cpu]}", mem="{MEMS[0]}"' if mem > 0 else limit
        request = f'cpu="{CPUS[cpu + 1]}", mem="{MEMS[mem]}"'
    elif roll < 0.03:
        return (f'@task(requests=Resources({request}))\n'
                f'def t{index}(): ...\n\n')
    elif roll < 0.04:
        request = f'cpu="{CPUS[cpu]}", mem=2048'
    elif roll < 0.05:
        return (f'@task(requests=Resources(cpu="1", mem="1GB"))  # noqa: RL004\n'
                f'def t{index}(): ...\n\n')
    elif roll < 0.08:
        request += ', gpu="1"'
        limit += ', gpu="1"'
        extra = ", accelerator=T4"
    return (f"@task(requests=Resources({request}), limits=Resources({limit}){extra})\n"
            f"def t{index}(): ...\n\n")


def main() -> None:
    out = sys.argv[1]
    tasks = int(sys.argv[2]) if len(sys.argv) > 2 else 400_000
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 42)
    with open(out, "w", encoding="utf-8", newline="\n") as handle:
        handle.write('"""Many tasks in one module."""\n'
                     "from flytekit import Resources, task\n"
                     "from flytekit.extras.accelerators import T4\n\n\n")
        for index in range(tasks):
            handle.write(task(rng, index))


if __name__ == "__main__":
    main()
