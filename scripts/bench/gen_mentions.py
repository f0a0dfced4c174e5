#!/usr/bin/env python3
"""Generate a seeded *mention-heavy* Python tree: the word is everywhere, declarations are rare.

usage: gen_mentions.py OUT_DIR [PY_FILES] [SEED]

Real ML monorepos mention "Resources" far more often than they declare any: docstrings about
cloud resources, comments that quote `Resources(cpu=...)`, f-strings and log calls, other
libraries' look-alike classes. A byte prefilter lets all of those through. In this tree:

  - about 85 % of the files mention `Resources` / `resources` in docstrings, comments,
    f-strings and log calls (several of those in most of them);
  - about 12 % hold look-alike calls: `pulumi.ResourceOptions(...)`, `k8s.V1Resources(...)`,
    a `Resources(...)` of a class the file defines itself, `Resources(` of an unrelated import;
  - about 4 % import flytekit or flyte without declaring anything (workflows, helpers), whose
    text still mentions `Resources(cpu=...)`;
  - about 5 % are real flytekit (gen_tree.flyte_module) or Flyte 2 modules that declare
    resources, imports included so that the scanner finds them.

Ordinary code around them comes from scripts/gen_tree.py (same log-normal sizes). The same
arguments always give byte-identical trees.
"""
import os
import random
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import gen_tree  # noqa: E402  (the sibling generator: ordinary code, Flyte modules)

from gen_tree import BAD_MEMS, CPUS, MEMS, WORDS, body, camel, header, ident, plain_size  # noqa: E402


def mention_docstring(rng: random.Random) -> str:
    word = rng.choice(WORDS)
    return rng.choice([
        f'\n\ndef release_{word}(pool):\n    """Release the Resources held by the {word} pool.\n\n'
        f'    Resources are returned to the scheduler; see ``Resources(cpu=..., mem=...)`` in the\n'
        f'    Flyte docs for how tasks request resources.\n    """\n    return pool.clear()\n',
        f'\n\nclass {camel(rng)}Manager:\n    """Tracks cloud resources for {word}s.\n\n'
        f'    Example::\n\n        >>> Resources(cpu="1", mem="1Gi")  # what a task asks for\n'
        f'        >>> manager.allocate(resources)\n    """\n\n'
        f'    def allocate(self, resources: dict) -> dict:\n'
        f'        """Allocate the given resources (a dict, not flytekit Resources)."""\n'
        f'        return dict(resources)\n',
        f'\n\ndef {ident(rng)}_resources(config):\n'
        f'    """Return the resources section of the config, or an empty one."""\n'
        f'    return config.get("resources", {{}})\n',
    ])


def mention_comment(rng: random.Random) -> str:
    return rng.choice([
        "\n\n# Resources(cpu=\"2\") used to be set here; the platform team sets requests now.\n"
        f"DEFAULT_{rng.choice(WORDS).upper()} = {rng.randint(1, 64)}\n",
        "\n\n# TODO(resources): move the resources limits into the chart.\n"
        f"# See Resources(mem=\"4Gi\") in workflows/ for the old values.\n"
        f"{ident(rng)} = None  # resources are unknown until runtime\n",
        f"\n\n# NOTE: k8s resources (pods, services) are listed by {ident(rng)}().\n",
    ])


def mention_fstring(rng: random.Random) -> str:
    word = rng.choice(WORDS)
    return (
        f"\n\ndef describe_{word}(name: str, cpu: int, mem: str) -> str:\n"
        f'    label = f"Resources(cpu={{cpu}}, mem={{mem!r}}) for {{name}}"\n'
        f'    other = f"{{len(name)}} resources reserved for the {word} job"\n'
        f"    return label + other\n")


def mention_log(rng: random.Random) -> str:
    word = rng.choice(WORDS)
    return (
        f"\n\ndef report_{word}(resources, logger=logger):\n"
        f'    logger.info("Resources(%s) released for {word}", resources)\n'
        f'    logger.debug(f"Resources( {{resources}} ) still pending")\n'
        f'    logger.warning("not enough resources: %d left", len(resources))\n'
        f"    return len(resources)\n")


MENTIONS = [mention_docstring, mention_comment, mention_fstring, mention_log]


def lookalike(rng: random.Random) -> tuple[str, str]:
    """Imports and code with calls that look like declarations but are other libraries'."""
    kind = rng.randrange(4)
    if kind == 0:
        return "import pulumi", (
            f"\n\nbucket_options = pulumi.ResourceOptions(protect=True, depends_on=[])\n"
            f"def {ident(rng)}(name):\n"
            f"    return pulumi.ResourceOptions(parent=name, delete_before_replace=True)\n")
    if kind == 1:
        return "from kubernetes import client as k8s", (
            f"\n\ndef {ident(rng)}(cpu: str, mem: str):\n"
            f'    spec = k8s.V1Resources(limits={{"cpu": cpu, "memory": mem}})\n'
            f"    return k8s.V1ResourceRequirements(requests={{\"cpu\": cpu}}, limits=spec)\n")
    if kind == 2:
        return "", (
            "\n\n@dataclass\nclass Resources:\n    \"\"\"Our own record, not flytekit's.\"\"\"\n\n"
            "    cpu: int = 1\n    mem: str = \"1Gi\"\n\n\n"
            f"SMALL = Resources(cpu={rng.randint(1, 8)}, mem=\"{rng.choice(MEMS)}\")\n"
            f"def {ident(rng)}() -> Resources:\n    return Resources(cpu=2, mem=\"oops\")\n")
    return "from ray.util import Resources", (
        f"\n\nRAY_POOL = Resources(cpu={rng.randint(1, 8)}, gpu=0)\n"
        f"def {ident(rng)}(n):\n    return Resources(cpu=n, memory=\"lots\")\n")


def flyte_user(rng: random.Random) -> tuple[str, str]:
    """A module that imports flytekit or flyte but declares nothing."""
    if rng.random() < 0.5:
        return "from flytekit import task, workflow", (
            "\n\n# Resources(cpu=\"1\") come from the platform defaults; no requests here.\n"
            f"@task\ndef {ident(rng)}(x: int) -> int:\n"
            "    \"\"\"No Resources(...) on purpose: see the project defaults.\"\"\"\n"
            "    return x\n")
    return "import flyte", (
        "\n\nenv = flyte.TaskEnvironment(name=\"plain\")\n\n\n"
        f"@env.task\nasync def {ident(rng)}(x: int) -> int:\n"
        "    \"\"\"flyte.Resources(cpu=2) would go on the environment.\"\"\"\n    return x\n")


def flyte2_module(rng: random.Random, n: int) -> str:
    """A Flyte 2 module: environments, an override, a clone."""
    cpu = rng.choice(["1", "2", "4"])
    mem = rng.choice(MEMS)
    alias = rng.random() < 0.3
    res = "R" if alias else "flyte.Resources"
    imports = ["import flyte"] + (["from flyte import Resources as R"] if alias else [])
    # A few values are wrong on purpose, so that there are findings to compare.
    override = rng.choice(BAD_MEMS) if rng.random() < 0.2 else rng.choice(MEMS)
    text = (
        f'"""Flyte 2 pipeline {n}: the Resources of each environment."""\n'
        + "\n".join(imports) + "\n\n"
        f'SMALL = {res}(cpu={cpu}, memory="{mem}")\n'
        f'env = flyte.TaskEnvironment(name="env-{n}", resources=SMALL)\n'
        f'gpu = flyte.TaskEnvironment(name="gpu-{n}", '
        f'resources={res}(cpu=({cpu}, 8), memory=("{mem}", "32Gi"), gpu="A100:1"))\n'
        f'bigger = env.clone_with(name="bigger-{n}", resources={res}(cpu=8))\n\n\n'
        f"@env.task\nasync def step_{n}(x: int) -> int:\n    return x + 1\n\n\n"
        f'heavy_{n} = step_{n}.override(resources={res}(memory="{override}"))\n')
    return text + body(rng, plain_size(rng) // 2)


def module(rng: random.Random, n: int) -> str:
    roll = rng.random()
    if roll < 0.025:
        return gen_tree.flyte_module(rng, n)
    if roll < 0.05:
        return flyte2_module(rng, n)
    imports, extra = "", ""
    if roll < 0.17:
        imports, extra = lookalike(rng)
    elif roll < 0.21:
        imports, extra = flyte_user(rng)
    mentions = roll < 0.85
    title = f"the resources of the {rng.choice(WORDS)} service" if mentions else "helpers"
    text = header(rng, f"Module {n}: {title}")
    if imports:
        text += imports + "\n"
    parts = [body(rng, plain_size(rng))]
    # Most files mention the word several times, spread through the code.
    if mentions:
        parts += [rng.choice(MENTIONS)(rng) for _ in range(rng.randint(1, 4))]
    rng.shuffle(parts)
    return text + "".join(parts) + extra


def main() -> None:
    out = sys.argv[1]
    py_files = int(sys.argv[2]) if len(sys.argv) > 2 else 20_000
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 42)
    gen_tree.write(os.path.join(out, ".gitignore"), "__pycache__/\n*.pyc\n.venv/\n")
    for n in range(py_files):
        package = f"ml/{WORDS[n // 400 % len(WORDS)]}{n // 400}/pkg{n // 40}"
        gen_tree.write(os.path.join(out, package, f"mod{n}.py"), module(rng, n))


if __name__ == "__main__":
    main()
