#!/usr/bin/env python3
"""Run the benchmark of `make bench` (see scripts/bench/run.sh) and write BENCHMARKS.md's table.

For each size, on the same generated tree (warm page cache, hyperfine medians):
  - `resourcelint check` (release build),
  - `rg -c --pcre2 'Resources\\s*\\('` over the same *.py/*.yaml/*.yml files (the I/O floor),
  - `ruff check --no-cache --select E9` (parses every Python file),
then the ratios, resourcelint's peak memory (`/usr/bin/time -v`, max RSS), files per second,
and the start-up time on three small files. The `dense` row is one 43 MB module with 400,000
task declarations (scripts/bench/gen_dense.py); for it, `dump --format json` is measured too,
and the memory each declaration keeps ((peak RSS - start-up RSS) / declarations). Trees are
regenerated only when a generator or the size changes. Raw hyperfine JSON goes to
BENCH_DIR/results/.
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
import subprocess
import sys
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
GENERATOR = os.path.join(ROOT, "scripts", "gen_tree.py")
DENSE_GENERATOR = os.path.join(ROOT, "scripts", "bench", "gen_dense.py")
# name: (python files, yaml files, hyperfine runs); `dense` is one file of DENSE_TASKS tasks.
SIZES = {
    "small": (1_740, 260, 20),
    "medium": (20_000, 3_000, 10),
    "large": (87_000, 13_000, 5),
    "dense": (1, 0, 3),
}
DENSE_TASKS = 400_000
SEED = 42
RG_PATTERN = r"Resources\s*\("
MARK_START = "<!-- bench:start -->"
MARK_END = "<!-- bench:end -->"


def sh(args, **kwargs):
    return subprocess.run(args, check=True, text=True, capture_output=True, **kwargs).stdout


def generate(bench_dir, size):
    py, yaml, _ = SIZES[size]
    tree = os.path.join(bench_dir, size)
    generator = DENSE_GENERATOR if size == "dense" else GENERATOR
    with open(generator, "rb") as handle:
        stamp = hashlib.sha256(handle.read() + f"{py} {yaml} {SEED}".encode()).hexdigest()
    stamp_file = os.path.join(bench_dir, f"{size}.stamp")
    if os.path.isdir(tree) and os.path.exists(stamp_file) and open(stamp_file).read() == stamp:
        return tree
    shutil.rmtree(tree, ignore_errors=True)
    if size == "dense":
        print(f"generating dense: one module with {DENSE_TASKS:,} tasks...", flush=True)
        os.makedirs(tree)
        subprocess.run([sys.executable, DENSE_GENERATOR, os.path.join(tree, "dense.py"),
                        str(DENSE_TASKS), str(SEED)], check=True)
    else:
        print(f"generating {size}: {py} Python + {yaml} YAML files...", flush=True)
        subprocess.run([sys.executable, GENERATOR, tree, str(py), str(yaml), str(SEED)],
                       check=True)
    # A repository of its own, as a monorepo is: no ignore file above it applies.
    os.makedirs(os.path.join(tree, ".git"), exist_ok=True)
    with open(stamp_file, "w") as handle:
        handle.write(stamp)
    return tree


def hyperfine(commands, runs, export, cwd, warmup=2):
    warmup = min(warmup, runs)
    args = ["hyperfine", "-N", "--style", "none", "--output=pipe", "--warmup", str(warmup),
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


def machine():
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


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", required=True)
    parser.add_argument("--ruff", required=True)
    parser.add_argument("--bench-dir", required=True)
    parser.add_argument("sizes", nargs="*", default=list(SIZES))
    options = parser.parse_args()
    binary = os.path.abspath(options.bin)
    ruff = os.path.abspath(options.ruff)
    bench_dir = os.path.abspath(options.bench_dir)
    results_dir = os.path.join(bench_dir, "results")
    os.makedirs(results_dir, exist_ok=True)
    info = machine()
    rows = {}
    for size in options.sizes:
        tree = generate(bench_dir, size)
        runs = SIZES[size][2]
        files = int(sh(["bash", "-c", "rg --files --hidden -t py -t yaml . | wc -l"], cwd=tree))
        py_files = int(sh(["bash", "-c", "rg --files --hidden -t py . | wc -l"], cwd=tree))
        size_mib = int(sh(["du", "-sk", "--apparent-size", tree]).split()[0]) / 1024
        checked = sh([binary, "check", "--exit-zero", "."], cwd=tree).strip().splitlines()[-1]
        commands = [
            ("resourcelint", f"{binary} check --exit-zero ."),
            ("rg", f"rg -c --pcre2 {shlex.quote(RG_PATTERN)} --hidden -t py -t yaml ."),
            ("ruff", f"{ruff} check --no-cache --select E9 --exit-zero ."),
        ]
        print(f"timing {size} ({files} files, {size_mib:.0f} MiB; {runs} runs each)...",
              flush=True)
        timed = hyperfine(commands, runs, os.path.join(results_dir, f"{size}.json"), tree)
        medians = {name: timed[name]["median"] for name, _ in commands}
        user = {name: timed[name]["user"] for name, _ in commands}
        rss = max_rss_kib([binary, "check", "--exit-zero", "."], tree)
        rows[size] = {
            "files": files, "python_files": py_files, "mib": size_mib, "summary": checked,
            "median": medians, "user": user, "rss_kib": rss,
            "rg_rss_kib": max_rss_kib(["rg", "-c", "--pcre2", RG_PATTERN, "--hidden", "-t", "py",
                                       "-t", "yaml", "."], tree),
        }
        if size == "dense":
            rows[size]["dump"] = time_v([binary, "dump", "--format", "json", "."], tree)
        row = rows[size]
        print(f"  resourcelint {medians['resourcelint'] * 1000:.0f} ms, "
              f"rg {medians['rg'] * 1000:.0f} ms, ruff {medians['ruff'] * 1000:.0f} ms; "
              f"check/rg {medians['resourcelint'] / medians['rg']:.2f}x, "
              f"ruff/check {medians['ruff'] / medians['resourcelint']:.2f}x, "
              f"{files / medians['resourcelint']:,.0f} files/s, max RSS {rss / 1024:.1f} MiB",
              flush=True)
    directory, names = startup_files(bench_dir)
    startup = hyperfine([("startup", f"{binary} check --exit-zero {' '.join(names)}")], 50,
                        os.path.join(results_dir, "startup.json"), directory, warmup=5)["startup"]
    startup["rss_kib"] = max_rss_kib([binary, "check", "--exit-zero", *names], directory)
    print(f"start-up on three small files: median {startup['median'] * 1000:.1f} ms")
    report = render(info, rows, startup)
    with open(os.path.join(results_dir, "report.md"), "w") as handle:
        handle.write(report)
    update_benchmarks(report)
    print(f"wrote {os.path.relpath(os.path.join(results_dir, 'report.md'), ROOT)} "
          "and BENCHMARKS.md's results section")


def render(info, rows, startup):
    stamp = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    lines = [
        f"Measured {stamp} by `make bench` (load average at start: {info['load']}).",
        "",
        f"- Machine: {info['nproc']} CPUs ({info['cpu']}), {info['memory']} memory, "
        f"{info['os']} (kernel {info['kernel']})",
        f"- {info['swift']}; {info['rg']}; {info['hyperfine']}; ruff from PyPI (latest)",
        "",
        "| Size | Files (Python) | MiB | resourcelint | rg | ruff E9 | check / rg | "
        "ruff / check | files/s | max RSS |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for size, row in rows.items():
        median = row["median"]
        # One file: files per second says nothing there.
        files_per_second = ("—" if size == "dense"
                            else f"{row['files'] / median['resourcelint']:,.0f}")
        lines.append(
            f"| {size} | {row['files']:,} ({row['python_files']:,}) | {row['mib']:.0f} | "
            f"{median['resourcelint'] * 1000:.0f} ms | {median['rg'] * 1000:.0f} ms | "
            f"{median['ruff'] * 1000:.0f} ms | {median['resourcelint'] / median['rg']:.2f}× | "
            f"{median['ruff'] / median['resourcelint']:.2f}× | "
            f"{files_per_second} | {row['rss_kib'] / 1024:.1f} MiB |")
    lines += ["", "CPU time (user, mean of the runs): " + "; ".join(
        f"{size}: resourcelint {row['user']['resourcelint'] * 1000:.0f} ms, "
        f"rg {row['user']['rg'] * 1000:.0f} ms, ruff {row['user']['ruff'] * 1000:.0f} ms"
        for size, row in rows.items()) + "."]
    if "small" in rows and "large" in rows:
        small, large = rows["small"], rows["large"]
        slope = math.log(large["median"]["resourcelint"] / small["median"]["resourcelint"]) / \
            math.log(large["files"] / small["files"])
        per_file = {size: row["median"]["resourcelint"] / row["files"] * 1e6
                    for size, row in rows.items() if size != "dense"}
        lines += ["", "Growth: " + ", ".join(f"{size} {value:.1f} µs/file"
                                             for size, value in per_file.items())
                  + f"; log-log slope of wall time from {small['files']:,} to "
                  f"{large['files']:,} files: {slope:.2f} (1.00 = linear)."]
    lines += ["", f"Start-up, `resourcelint check` on three small files (hyperfine, 50 runs): "
              f"median {startup['median'] * 1000:.1f} ms (mean {startup['mean'] * 1000:.1f} ms "
              f"± {startup['stddev'] * 1000:.1f})."]
    if "dense" in rows:
        dense = rows["dense"]
        per_declaration = (dense["rss_kib"] - startup["rss_kib"]) * 1024 / DENSE_TASKS
        dump = dense["dump"]
        dump_per_declaration = (dump["rss_kib"] - startup["rss_kib"]) * 1024 / DENSE_TASKS
        lines += ["", f"Dense file ({DENSE_TASKS:,} tasks in one {dense['mib']:.0f} MiB module): "
                  f"`check` keeps {per_declaration:,.0f} bytes per declaration (peak RSS "
                  f"{dense['rss_kib'] / 1024:.0f} MiB less the start-up's "
                  f"{startup['rss_kib'] / 1024:.0f} MiB); `dump --format json` (one run) takes "
                  f"{dump['wall']:.1f} s wall, {dump['cpu']:.1f} s CPU and {dump['rss_kib'] / 1024:.0f} "
                  f"MiB ({dump_per_declaration:,.0f} bytes per declaration)."]
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
