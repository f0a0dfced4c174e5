#!/usr/bin/env bash
# `make bench`: time resourcelint against rg (the I/O-and-regex floor), a bare libyaml event
# pass (the YAML floor), ruff (a fast linter that parses every Python file) and yamllint on
# generated trees: monorepo-like ones of three sizes, one dense module (400,000 tasks), a
# mention-heavy Python tree and a YAML-heavy one; then 8,000 explicit paths against their
# directory and a 3-file start-up against rg. Writes the results into BENCHMARKS.md.
#
# usage: scripts/bench/run.sh [TREE ...]
#        (TREE: small, medium, large, dense, mentions, yaml, paths; default all)
# env:   BIN=path/to/resourcelint (`make bench` passes the static release binary `make dist` builds;
#        default .build/release/resourcelint)
#        BENCH_DIR=.bench (gitignored; trees, the tools' venv and raw results go there)
#        BENCH_SCALE=0.05 shrinks every tree, to try the script out (BENCHMARKS.md untouched)
set -euo pipefail
cd "$(dirname "$0")/../.."

BENCH_DIR=${BENCH_DIR:-.bench}
BIN=${BIN:-.build/release/resourcelint}
SUDO=$([ "$(id -u)" = 0 ] || echo sudo)

# Tools: ripgrep, hyperfine and GNU time from Debian; ruff from PyPI into a venv.
missing=()
command -v rg >/dev/null || missing+=(ripgrep)
command -v hyperfine >/dev/null || missing+=(hyperfine)
[ -x /usr/bin/time ] || missing+=(time)
command -v gcc >/dev/null || missing+=(gcc)
command -v python3 >/dev/null || missing+=(python3 python3-venv)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]}..."
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq "${missing[@]}"
fi
mkdir -p "$BENCH_DIR"
YAMLLINT=yamllint==1.38.0
if [ ! -x "$BENCH_DIR/venv/bin/ruff" ] || [ ! -x "$BENCH_DIR/venv/bin/yamllint" ]; then
  echo "Installing ruff and $YAMLLINT into $BENCH_DIR/venv..."
  [ -x "$BENCH_DIR/venv/bin/pip" ] || python3 -m venv "$BENCH_DIR/venv" || {
    $SUDO apt-get install -y -qq python3-venv && python3 -m venv "$BENCH_DIR/venv"
  }
  "$BENCH_DIR/venv/bin/pip" install -q ruff "$YAMLLINT"
fi
# The YAML floor: libyaml's event parser alone (the headers come with `make deps`).
gcc -O2 -o "$BENCH_DIR/yaml_events" scripts/bench/yaml_events.c -lyaml
[ -x "$BIN" ] || { echo "no resourcelint binary at $BIN (run: make bench)" >&2; exit 2; }

exec python3 scripts/bench/bench.py --bin "$BIN" --bench-dir "$BENCH_DIR" \
  --ruff "$BENCH_DIR/venv/bin/ruff" --yamllint "$BENCH_DIR/venv/bin/yamllint" \
  --yaml-events "$BENCH_DIR/yaml_events" "$@"
