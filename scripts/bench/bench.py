#!/usr/bin/env python3
"""Run the benchmark of `make bench` (see scripts/bench/run.sh) and write BENCHMARKS.md's table.

For each tree, on the same generated files (warm page cache, hyperfine medians):
  - `resourcelint check` (release build),
  - `rg -c --pcre2 PATTERN` over the same *.py/*.yaml/*.yml files (the I/O-and-regex floor;
    PATTERN is `Resources\\s*\\(`, and on the YAML-heavy tree also a `resources:` key),
  - the YAML floor where the tree has YAML: libyaml's bare event pass (yaml_events.c) over the
    YAML files that could hold a declaration (the scanner's own byte prefilter, chart
    templates left out as the scanner leaves them),
  - `ruff check --no-cache --select E9` (parses every Python file),
  - on the YAML-heavy tree, `yamllint` (one run: it is slow),
then the ratios, resourcelint's peak memory (`/usr/bin/time -v`, max RSS) and the goals of
issue 13, each met or not. Rows: 8,000 explicit paths against the same files as a directory
(and as `--files-from`), and a 3-file `check` against `rg` on the same 3 files (paired runs).
The `dense` tree is one 43 MB module with 400,000 task declarations (gen_dense.py); for it,
`dump --format json` is measured too. Trees are regenerated only when a generator or the size
changes. Raw hyperfine JSON goes to BENCH_DIR/results/.

BENCH_SCALE=0.05 (for example) shrinks every tree, for trying the script out; such a run is
labelled as scaled and is no benchmark.
"""
import argparse
import hashlib
import json
import math
import os
import platform
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
GENERATOR = os.path.join(ROOT, "scripts", "gen_tree.py")
GENERATORS = {
    "mixed": [GENERATOR],
    "dense": [os.path.join(ROOT, "scripts", "bench", "gen_dense.py")],
    "mentions": [os.path.join(ROOT, "scripts", "bench", "gen_mentions.py"), GENERATOR],
    "yaml": [os.path.join(ROOT, "scripts", "bench", "gen_yaml.py"), GENERATOR],
}
# name: (kind, python files, yaml files, hyperfine runs); `dense` is one file of DENSE_TASKS
# tasks. `paths` is the tree of the explicit-paths row (8,000 files).
SIZES = {
    "small": ("mixed", 1_740, 260, 20),
    "medium": ("mixed", 20_000, 3_000, 10),
    "large": ("mixed", 87_000, 13_000, 5),
    "dense": ("dense", 1, 0, 3),
    "mentions": ("mentions", 20_000, 0, 10),
    "yaml": ("yaml", 2_000, 16_000, 10),
}
PATHS_TREE = ("mixed", 7_000, 1_000, 10)
DENSE_TASKS = 400_000
SEED = 42
SCALE = float(os.environ.get("BENCH_SCALE", "1"))
RG_PATTERN = r"Resources\s*\("
# On the YAML-heavy tree rg also looks for what the YAML scanner looks for first: a resources key.
RG_YAML_PATTERN = r"Resources\s*\(|^\s*(- )?resources\s*:"
MARK_START = "<!-- bench:start -->"
MARK_END = "<!-- bench:end -->"
# The goals of issue 13: ratios, never absolute times.
GOAL_CHECK_OVER_FLOOR = 1.5
GOAL_RUFF_OVER_CHECK = 5.0
GOAL_YAMLLINT_OVER_CHECK = 20.0
GOAL_PATHS_OVER_DIRECTORY = 1.2
GOAL_STARTUP_OVER_RG = 1.3
GOAL_RSS_MIB = 64
RSS_GOAL_FILES = 100_000
# The goals of issue 11, on the dense module at full scale: absolute, as the issue states them.
GOAL_DENSE_SECONDS = 3
GOAL_DENSE_RSS_MIB = 512
GOAL_DENSE_BYTES_PER_DECLARATION = 1024


def sh(args, **kwargs):
    return subprocess.run(args, check=True, text=True, capture_output=True, **kwargs).stdout


def scaled(count):
    return max(1, round(count * SCALE))


def generate(bench_dir, name, spec):
    kind, py, yaml, _ = spec
    py, yaml = (py, yaml) if kind == "dense" else (scaled(py), scaled(yaml) if yaml else 0)
    tasks = scaled(DENSE_TASKS)
    tree = os.path.join(bench_dir, name)
    digest = hashlib.sha256()
    for generator in GENERATORS[kind]:
        with open(generator, "rb") as handle:
            digest.update(handle.read())
    digest.update(f"{py} {yaml} {tasks} {SEED}".encode())
    stamp = digest.hexdigest()
    stamp_file = os.path.join(bench_dir, f"{name}.stamp")
    if os.path.isdir(tree) and os.path.exists(stamp_file) and open(stamp_file).read() == stamp:
        return tree
    shutil.rmtree(tree, ignore_errors=True)
    script = GENERATORS[kind][0]
    if kind == "dense":
        print(f"generating {name}: one module with {tasks:,} tasks...", flush=True)
        os.makedirs(tree)
        arguments = [os.path.join(tree, "dense.py"), str(tasks), str(SEED)]
    elif kind == "mentions":
        print(f"generating {name}: {py} mention-heavy Python files...", flush=True)
        arguments = [tree, str(py), str(SEED)]
    elif kind == "yaml":
        print(f"generating {name}: {yaml} YAML + {py} Python files...", flush=True)
        arguments = [tree, str(yaml), str(py), str(SEED)]
    else:
        print(f"generating {name}: {py} Python + {yaml} YAML files...", flush=True)
        arguments = [tree, str(py), str(yaml), str(SEED)]
    subprocess.run([sys.executable, script, *arguments], check=True)
    # A repository of its own, as a monorepo is: no ignore file above it applies.
    os.makedirs(os.path.join(tree, ".git"), exist_ok=True)
    with open(stamp_file, "w") as handle:
        handle.write(stamp)
    return tree


def yaml_prefilter():
    """The YAML scanner's prefilter, read from its source so that the floor follows it."""
    source = open(os.path.join(ROOT, "Sources", "YAMLScanner", "YAMLScanner.swift")).read()
    found = re.search(r"prefilterWords = \[(.*?)\]", source, re.S)
    words = [word.encode() for word in re.findall(r'"([^"]*)"', found.group(1))]
    # mayDeclareBeyondWords: a `script` key, or a double-quoted escape that could spell a word.
    beyond = re.compile(rb"(?<![A-Za-z0-9_])script|\\[xuU\n\r]")
    return words, beyond


def yaml_to_parse(tree, list_path):
    """Writes the YAML files the scanner must parse to `list_path`; returns how many."""
    words, beyond = yaml_prefilter()
    files = sh(["rg", "--files", "--hidden", "-t", "yaml", "."], cwd=tree).splitlines()
    chosen = []
    for path in sorted(files):
        data = open(os.path.join(tree, path), "rb").read()
        if not (any(word in data for word in words) or beyond.search(data)):
            continue
        # A chart template (`{{` under a templates/ directory) is skipped unparsed.
        if b"{{" in data and "templates" in path.split("/")[:-1]:
            continue
        chosen.append(os.path.join(tree, path))
    with open(list_path, "w") as handle:
        handle.write("".join(path + "\n" for path in chosen))
    return len(chosen)


def hyperfine(commands, runs, export, cwd, warmup=2):
    warmup = min(warmup, runs)
    # -i: rg exits 1 where nothing matches (a scaled-down tree); resourcelint's own failures
    # are caught before, by the run that reads its summary line.
    args = ["hyperfine", "-N", "-i", "--style", "none", "--output=pipe", "--warmup", str(warmup),
            "--runs", str(runs), "--export-json", export]
    for name, command in commands:
        args += ["-n", name, command]
    subprocess.run(args, check=True, cwd=cwd, stdout=subprocess.DEVNULL)
    with open(export) as handle:
        return {result["command"]: result for result in json.load(handle)["results"]}


def max_rss_kib(command, cwd):
    return time_v(command, cwd)["rss_kib"]


def time_v(command, cwd):
    """Peak RSS (KiB) and user + system CPU seconds of one run, from GNU time."""
    out = subprocess.run(["/usr/bin/time", "-v", *command], cwd=cwd, text=True,
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    found = re.search(r"Maximum resident set size \(kbytes\): (\d+)", out.stderr)
    user = re.search(r"User time \(seconds\): ([\d.]+)", out.stderr)
    system = re.search(r"System time \(seconds\): ([\d.]+)", out.stderr)
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([\d:.]+)", out.stderr)
    seconds = 0.0
    for part in (wall.group(1).split(":") if wall else []):
        seconds = seconds * 60 + float(part)
    return {
        "rss_kib": int(found.group(1)) if found else None,
        "cpu": (float(user.group(1)) if user else 0) + (float(system.group(1)) if system else 0),
        "wall": seconds,
    }


def machine(tools):
    cpu = "unknown"
    with open("/proc/cpuinfo") as handle:
        for line in handle:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as handle:
        mem_kib = int(handle.readline().split()[1])
    os_name = platform.platform()
    if os.path.exists("/etc/os-release"):
        for line in open("/etc/os-release"):
            if line.startswith("PRETTY_NAME="):
                os_name = line.split("=", 1)[1].strip().strip('"')
    swift = sh(["swift", "--version"]).splitlines()[0] if shutil.which("swift") else "?"
    return {
        "nproc": sh(["nproc"]).strip(), "cpu": cpu, "memory": f"{mem_kib / 1048576:.1f} GiB",
        "os": os_name, "kernel": platform.release(), "swift": swift,
        "rg": sh(["rg", "--version"]).splitlines()[0],
        "hyperfine": sh(["hyperfine", "--version"]).strip(),
        "ruff": sh([tools["ruff"], "--version"]).strip(),
        "yamllint": (sh([tools["yamllint"], "--version"]).strip() if tools["yamllint"]
                     else "yamllint not run"),
        "load": " ".join(open("/proc/loadavg").read().split()[:3]),
    }


def startup_files(bench_dir):
    """Three small files: a Flyte task module, an ordinary module and a Deployment."""
    directory = os.path.join(bench_dir, "startup")
    os.makedirs(os.path.join(directory, ".git"), exist_ok=True)
    files = {
        "flow.py": 'from flytekit import Resources, task\n\n\n'
                   '@task(requests=Resources(cpu="1", mem="1Gi"))\n'
                   'def train(x: int) -> int:\n    return x\n',
        "util.py": 'import os\n\n\ndef home() -> str:\n    return os.environ["HOME"]\n',
        "deploy.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: a}\nspec:\n"
                       "  template:\n    spec:\n      containers:\n        - name: a\n"
                       "          resources: {requests: {cpu: 500m, memory: 1Gi}}\n",
    }
    for name, text in files.items():
        with open(os.path.join(directory, name), "w") as handle:
            handle.write(text)
    return directory, list(files)


def paired(first, second, cwd, pairs):
    """Median wall times of two commands run alternately (which goes first alternates too),
    and the median of the per-pair ratios: a paired measure, robust to load that drifts."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    actions = [(os.POSIX_SPAWN_DUP2, devnull, 1), (os.POSIX_SPAWN_DUP2, devnull, 2)]
    here = os.getcwd()
    os.chdir(cwd)

    def once(argv):
        start = time.perf_counter()
        pid = os.posix_spawnp(argv[0], argv, os.environ, file_actions=actions)
        os.waitpid(pid, 0)
        return time.perf_counter() - start

    try:
        for _ in range(10):
            once(first), once(second)
        times_first, times_second, ratios = [], [], []
        for index in range(pairs):
            if index % 2:
                b = once(second)
                a = once(first)
            else:
                a = once(first)
                b = once(second)
            times_first.append(a)
            times_second.append(b)
            ratios.append(a / b)
    finally:
        os.chdir(here)
        os.close(devnull)
    return {"first": statistics.median(times_first), "second": statistics.median(times_second),
            "ratio": statistics.median(ratios), "pairs": pairs}


def measure_tree(name, spec, tree, tools, results_dir):
    kind, _, _, runs = spec
    binary, ruff = tools["binary"], tools["ruff"]
    files = int(sh(["bash", "-c", "rg --files --hidden -t py -t yaml . | wc -l"], cwd=tree))
    py_files = int(sh(["bash", "-c", "rg --files --hidden -t py . | wc -l"], cwd=tree))
    yaml_files = files - py_files
    mentioning = int(sh(["bash", "-c", "rg -l --hidden -i -t py resources . | wc -l"], cwd=tree))
    yaml_mentioning = int(sh(["bash", "-c", "rg -l --hidden -i -t yaml resources . | wc -l"],
                             cwd=tree))
    size_mib = int(sh(["du", "-sk", "--apparent-size", tree]).split()[0]) / 1024
    checked = sh([binary, "check", "--exit-zero", "."], cwd=tree).strip().splitlines()[-1]
    pattern = RG_YAML_PATTERN if kind == "yaml" else RG_PATTERN
    rg = ["rg", "-c", "--pcre2", pattern, "--hidden", "-t", "py", "-t", "yaml", "."]
    commands = [
        ("resourcelint", f"{binary} check --exit-zero ."),
        ("rg", " ".join(shlex.quote(part) for part in rg)),
        ("ruff", f"{ruff} check --no-cache --select E9 --exit-zero ."),
    ]
    parsed = None
    if yaml_files:
        list_path = os.path.join(results_dir, f"{name}.yaml-to-parse")
        parsed = yaml_to_parse(tree, list_path)
        commands.append(("floor", f"{tools['yaml_events']} {list_path}"))
    print(f"timing {name} ({files} files, {size_mib:.0f} MiB; {runs} runs each)...", flush=True)
    timed = hyperfine(commands, runs, os.path.join(results_dir, f"{name}.json"), tree)
    medians = {command: timed[command]["median"] for command, _ in commands}
    user = {command: timed[command]["user"] for command, _ in commands}
    row = {
        "kind": kind, "files": files, "python_files": py_files, "yaml_files": yaml_files,
        "mentioning": mentioning, "yaml_mentioning": yaml_mentioning, "yaml_parsed": parsed, "mib": size_mib, "summary": checked,
        "median": medians, "user": user, "pattern": pattern,
        "rss_kib": max_rss_kib([binary, "check", "--exit-zero", "."], tree),
        "rg_rss_kib": max_rss_kib(rg, tree),
    }
    if kind == "yaml" and tools.get("yamllint"):
        print(f"  yamllint on {name} (one run)...", flush=True)
        row["yamllint"] = time_v([tools["yamllint"], "-f", "parsable", "."], tree)["wall"]
    if kind == "dense":
        row["dump"] = time_v([binary, "dump", "--format", "json", "."], tree)
    floor = medians["rg"] + medians.get("floor", 0)
    line = (f"  resourcelint {medians['resourcelint'] * 1000:.0f} ms, "
            f"rg {medians['rg'] * 1000:.0f} ms")
    if "floor" in medians:
        line += f", YAML floor {medians['floor'] * 1000:.0f} ms ({parsed} files)"
    label = "check/(rg+floor)" if "floor" in medians else "check/rg"
    line += (f", ruff {medians['ruff'] * 1000:.0f} ms; {label} "
             f"{medians['resourcelint'] / floor:.2f}x, "
             f"ruff/check {medians['ruff'] / medians['resourcelint']:.2f}x")
    if "yamllint" in row:
        line += f", yamllint/check {row['yamllint'] / medians['resourcelint']:.1f}x"
    print(line + f", max RSS {row['rss_kib'] / 1024:.1f} MiB", flush=True)
    return row


def measure_paths(bench_dir, tools, results_dir):
    """The same files as one directory, as explicit paths in argv and as --files-from."""
    tree = generate(bench_dir, "paths", PATHS_TREE)
    binary = tools["binary"]
    paths = sorted(sh(["rg", "--files", "--hidden", "-t", "py", "-t", "yaml", "."],
                      cwd=tree).splitlines())
    list_path = os.path.join(results_dir, "paths.list")
    with open(list_path, "w") as handle:
        handle.write("".join(path + "\n" for path in paths))
    # Each command goes into a script: 8,000 paths are one argument of hyperfine's, longer than
    # the kernel takes (128 KiB), and every variant then pays the same `sh` start-up.
    variants = [
        ("directory", f"{binary} check --exit-zero ."),
        ("paths", f"{binary} check --exit-zero " + " ".join(shlex.quote(p) for p in paths)),
        ("files-from", f"{binary} check --exit-zero --files-from {list_path}"),
    ]
    commands = []
    for name, command in variants:
        script = os.path.join(results_dir, f"paths-{name}.sh")
        with open(script, "w") as handle:
            handle.write(f"exec {command}\n")
        commands.append((name, f"sh {script}"))
    print(f"timing {len(paths)} explicit paths against their directory...", flush=True)
    timed = hyperfine(commands, PATHS_TREE[3], os.path.join(results_dir, "paths.json"), tree)
    row = {"files": len(paths), "median": {name: timed[name]["median"] for name, _ in commands}}
    median = row["median"]
    print(f"  directory {median['directory'] * 1000:.0f} ms, paths {median['paths'] * 1000:.0f}"
          f" ms ({median['paths'] / median['directory']:.2f}x), --files-from "
          f"{median['files-from'] * 1000:.0f} ms "
          f"({median['files-from'] / median['directory']:.2f}x)", flush=True)
    return row


def goals(rows, paths, startup):
    """(what, measured, goal, met) for every goal of issues 11 and 13 this run measured."""
    out = []
    for name, row in rows.items():
        median = row["median"]
        check = median["resourcelint"]
        if name == "dense" and SCALE == 1:
            # Issue 11: the dense module checked in under 3 s and 512 MiB, keeping at most
            # 1 KiB a declaration over the start-up run's memory.
            out.append(("dense: check wall time", f"{check:.2f} s", f"< {GOAL_DENSE_SECONDS} s",
                        check < GOAL_DENSE_SECONDS))
            value = row["rss_kib"] / 1024
            out.append(("dense: peak RSS", f"{value:.0f} MiB", f"< {GOAL_DENSE_RSS_MIB} MiB",
                        value < GOAL_DENSE_RSS_MIB))
            if startup.get("rss_kib"):
                value = (row["rss_kib"] - startup["rss_kib"]) * 1024 / DENSE_TASKS
                out.append(("dense: bytes kept per declaration", f"{value:,.0f} B",
                            f"≤ {GOAL_DENSE_BYTES_PER_DECLARATION:,} B",
                            value <= GOAL_DENSE_BYTES_PER_DECLARATION))
        if "floor" in median:
            value = check / (median["rg"] + median["floor"])
            out.append((f"{name}: check / (rg + YAML floor)", f"{value:.2f}×",
                        f"≤ {GOAL_CHECK_OVER_FLOOR}×", value <= GOAL_CHECK_OVER_FLOOR))
        else:
            value = check / median["rg"]
            out.append((f"{name}: check / rg", f"{value:.2f}×", f"≤ {GOAL_CHECK_OVER_FLOOR}×",
                        value <= GOAL_CHECK_OVER_FLOOR))
        if row["python_files"]:
            value = median["ruff"] / check
            out.append((f"{name}: ruff E9 / check", f"{value:.1f}×", f"≥ {GOAL_RUFF_OVER_CHECK}×",
                        value >= GOAL_RUFF_OVER_CHECK))
        if "yamllint" in row:
            value = row["yamllint"] / check
            out.append((f"{name}: yamllint / check", f"{value:.0f}×",
                        f"≥ {GOAL_YAMLLINT_OVER_CHECK:.0f}×", value >= GOAL_YAMLLINT_OVER_CHECK))
        if row["files"] >= RSS_GOAL_FILES * SCALE:
            value = row["rss_kib"] / 1024
            out.append((f"{name}: peak RSS at {row['files']:,} files", f"{value:.1f} MiB",
                        f"≤ {GOAL_RSS_MIB} MiB", value <= GOAL_RSS_MIB))
    if paths:
        median = paths["median"]
        for mode in ("paths", "files-from"):
            value = median[mode] / median["directory"]
            label = "explicit paths" if mode == "paths" else "--files-from"
            out.append((f"{paths['files']:,} {label} / the same directory", f"{value:.2f}×",
                        f"≤ {GOAL_PATHS_OVER_DIRECTORY}×", value <= GOAL_PATHS_OVER_DIRECTORY))
    if startup.get("paired"):
        value = startup["paired"]["ratio"]
        out.append(("3-file check / rg on the same files (paired)", f"{value:.2f}×",
                    f"≤ {GOAL_STARTUP_OVER_RG}×", value <= GOAL_STARTUP_OVER_RG))
    return out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", required=True)
    parser.add_argument("--ruff", required=True)
    parser.add_argument("--yamllint", help="yamllint, timed once on the YAML-heavy tree")
    parser.add_argument("--yaml-events", required=True, help="yaml_events.c, compiled")
    parser.add_argument("--bench-dir", required=True)
    parser.add_argument("sizes", nargs="*", default=list(SIZES) + ["paths"],
                        help=f"trees ({', '.join(SIZES)}) and rows (paths); default all")
    options = parser.parse_args()
    tools = {
        "binary": os.path.abspath(options.bin), "ruff": os.path.abspath(options.ruff),
        "yaml_events": os.path.abspath(options.yaml_events),
        "yamllint": os.path.abspath(options.yamllint) if options.yamllint else None,
    }
    unknown = [size for size in options.sizes if size not in SIZES and size != "paths"]
    if unknown:
        parser.error(f"unknown tree {', '.join(unknown)} (one of {', '.join(SIZES)}, paths)")
    bench_dir = os.path.abspath(options.bench_dir)
    results_dir = os.path.join(bench_dir, "results")
    os.makedirs(results_dir, exist_ok=True)
    info = machine(tools)
    binary = tools["binary"]
    rows = {}
    for size in options.sizes:
        if size != "paths":
            tree = generate(bench_dir, size, SIZES[size])
            rows[size] = measure_tree(size, SIZES[size], tree, tools, results_dir)
    paths = measure_paths(bench_dir, tools, results_dir) if "paths" in options.sizes else None
    directory, names = startup_files(bench_dir)
    startup = hyperfine([("startup", f"{binary} check --exit-zero {' '.join(names)}")], 50,
                        os.path.join(results_dir, "startup.json"), directory, warmup=5)["startup"]
    startup["rss_kib"] = max_rss_kib([binary, "check", "--exit-zero", *names], directory)
    startup["paired"] = paired([binary, "check", "--exit-zero", *names],
                               ["rg", "-c", "--pcre2", RG_PATTERN, *names], directory, 200)
    print(f"start-up on three small files: median {startup['median'] * 1000:.1f} ms; paired "
          f"with rg: {startup['paired']['first'] * 1000:.1f} ms vs "
          f"{startup['paired']['second'] * 1000:.1f} ms, {startup['paired']['ratio']:.2f}x")
    measured = goals(rows, paths, startup)
    print("goals:")
    for what, value, goal, met in measured:
        print(f"  {'met    ' if met else 'NOT met'}  {what}: {value} (goal {goal})")
    report = render(info, rows, paths, startup, measured)
    with open(os.path.join(results_dir, "report.md"), "w") as handle:
        handle.write(report)
    if SCALE != 1:
        print("BENCH_SCALE is set: BENCHMARKS.md left as it is (a scaled run is no benchmark)")
        return
    update_benchmarks(report)
    print(f"wrote {os.path.relpath(os.path.join(results_dir, 'report.md'), ROOT)} "
          "and BENCHMARKS.md's results section")


def render(info, rows, paths, startup, measured):
    stamp = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    lines = [
        f"Measured {stamp} by `make bench` (load average at start: {info['load']}).",
        "",
        f"- Machine: {info['nproc']} CPUs ({info['cpu']}), {info['memory']} memory, "
        f"{info['os']} (kernel {info['kernel']})",
        f"- {info['swift']}; {info['rg']}; {info['hyperfine']}; {info['ruff']}; "
        f"{info['yamllint']}",
    ]
    if SCALE != 1:
        lines += ["", f"**Scaled run (BENCH_SCALE={SCALE}): not a benchmark.**"]
    lines += [
        "",
        "| Tree | Files (Python + YAML) | Python / YAML files mentioning `resources` | MiB | "
        "resourcelint | rg | YAML floor | ruff E9 | check / rg | check / (rg + floor) | "
        "ruff / check | max RSS |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for size, row in rows.items():
        median = row["median"]
        check = median["resourcelint"]
        mention = " / ".join(
            f"{row[key] / row[count] * 100:.0f} %" if row[count] else "—"
            for key, count in (("mentioning", "python_files"), ("yaml_mentioning", "yaml_files")))
        floor = (f"{median['floor'] * 1000:.0f} ms ({row['yaml_parsed']:,} files)"
                 if "floor" in median else "—")
        over_floor = (f"{check / (median['rg'] + median['floor']):.2f}×"
                      if "floor" in median else "—")
        lines.append(
            f"| {size} | {row['files']:,} ({row['python_files']:,} + {row['yaml_files']:,}) | "
            f"{mention} | {row['mib']:.0f} | {check * 1000:.0f} ms | "
            f"{median['rg'] * 1000:.0f} ms | {floor} | {median['ruff'] * 1000:.0f} ms | "
            f"{check / median['rg']:.2f}× | {over_floor} | {median['ruff'] / check:.2f}× | "
            f"{row['rss_kib'] / 1024:.1f} MiB |")
    lines += ["", f"rg searches `{RG_PATTERN}`; on the YAML-heavy tree `{RG_YAML_PATTERN}`. "
              "The YAML floor is libyaml's bare event pass (`scripts/bench/yaml_events.c`) over "
              "the YAML files the scanner's byte prefilter lets through, chart templates left "
              "out. ruff reads the Python files only (on the YAML-heavy tree, its tooling "
              "modules), so its ratio there compares unlike work."]
    for size, row in rows.items():
        if "yamllint" in row:
            lines += ["", f"yamllint {info['yamllint'].split()[-1]} on `{size}` (one run, "
                      f"`yamllint -f parsable .`): {row['yamllint']:.1f} s, "
                      f"{row['yamllint'] / row['median']['resourcelint']:.0f}× resourcelint."]
    lines += ["", "CPU time (user, mean of the runs): " + "; ".join(
        f"{size}: resourcelint {row['user']['resourcelint'] * 1000:.0f} ms, "
        f"rg {row['user']['rg'] * 1000:.0f} ms, ruff {row['user']['ruff'] * 1000:.0f} ms"
        for size, row in rows.items()) + "."]
    if "small" in rows and "large" in rows:
        small, large = rows["small"], rows["large"]
        slope = math.log(large["median"]["resourcelint"] / small["median"]["resourcelint"]) / \
            math.log(large["files"] / small["files"])
        per_file = {size: row["median"]["resourcelint"] / row["files"] * 1e6
                    for size, row in rows.items() if row["kind"] == "mixed"}
        lines += ["", "Growth: " + ", ".join(f"{size} {value:.1f} µs/file"
                                             for size, value in per_file.items())
                  + f"; log-log slope of wall time from {small['files']:,} to "
                  f"{large['files']:,} files: {slope:.2f} (1.00 = linear)."]
    if paths:
        median = paths["median"]
        lines += ["", f"Explicit paths ({paths['files']:,} files of a generated tree, hyperfine "
                  f"medians): as one directory {median['directory'] * 1000:.0f} ms; as "
                  f"{paths['files']:,} paths on the command line {median['paths'] * 1000:.0f} ms "
                  f"({median['paths'] / median['directory']:.2f}×); as `--files-from` "
                  f"{median['files-from'] * 1000:.0f} ms "
                  f"({median['files-from'] / median['directory']:.2f}×)."]
    lines += ["", f"Start-up, `resourcelint check` on three small files (hyperfine, 50 runs): "
              f"median {startup['median'] * 1000:.1f} ms (mean {startup['mean'] * 1000:.1f} ms "
              f"± {startup['stddev'] * 1000:.1f})."]
    paired_runs = startup.get("paired")
    if paired_runs:
        lines[-1] += (f" Paired with `rg -c --pcre2` on the same three files ("
                      f"{paired_runs['pairs']} alternating pairs): {paired_runs['first'] * 1000:.1f}"
                      f" ms against {paired_runs['second'] * 1000:.1f} ms, median ratio "
                      f"{paired_runs['ratio']:.2f}×.")
    if "dense" in rows:
        dense = rows["dense"]
        tasks = scaled(DENSE_TASKS)
        per_declaration = (dense["rss_kib"] - startup["rss_kib"]) * 1024 / tasks
        dump = dense["dump"]
        dump_per_declaration = (dump["rss_kib"] - startup["rss_kib"]) * 1024 / tasks
        lines += ["", f"Dense file ({tasks:,} tasks in one {dense['mib']:.0f} MiB module): "
                  f"`check` keeps {per_declaration:,.0f} bytes per declaration (peak RSS "
                  f"{dense['rss_kib'] / 1024:.0f} MiB less the start-up's "
                  f"{startup['rss_kib'] / 1024:.0f} MiB); `dump --format json` (one run) takes "
                  f"{dump['wall']:.1f} s wall, {dump['cpu']:.1f} s CPU and "
                  f"{dump['rss_kib'] / 1024:.0f} MiB ({dump_per_declaration:,.0f} bytes per "
                  "declaration)."]
    lines += ["", "Goals (issue 13's ratios of the same run; issue 11's limits for the dense module):",
              "",
              "| Goal | Measured | Target | |", "|---|---|---|---|"]
    for what, value, goal, met in measured:
        lines.append(f"| {what} | {value} | {goal} | {'met' if met else '**not met**'} |")
    lines += ["", "Summary lines: " + "; ".join(f"{size}: `{row['summary']}`"
                                               for size, row in rows.items())]
    return "\n".join(lines) + "\n"


def update_benchmarks(report):
    path = os.path.join(ROOT, "BENCHMARKS.md")
    if not os.path.exists(path):
        return
    text = open(path).read()
    if MARK_START not in text or MARK_END not in text:
        return
    head, rest = text.split(MARK_START, 1)
    _, tail = rest.split(MARK_END, 1)
    with open(path, "w") as handle:
        handle.write(head + MARK_START + "\n" + report + MARK_END + tail)


if __name__ == "__main__":
    main()
