#!/usr/bin/env bash
# `make bench`: time resourcelint against rg (the I/O-and-regex floor) and ruff (a fast
# linter that parses every Python file) on generated monorepo-like trees of three sizes and
# on one dense module (400,000 tasks), and write the results into BENCHMARKS.md.
#
# usage: scripts/bench/run.sh [SIZE ...]     (SIZE: small, medium, large, dense; default all)
# env:   BIN=path/to/resourcelint (default .build/release/resourcelint, built by `make bench`)
#        BENCH_DIR=.bench (gitignored; trees, the ruff venv and raw results go there)
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
command -v python3 >/dev/null || missing+=(python3 python3-venv)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]}..."
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq "${missing[@]}"
fi
mkdir -p "$BENCH_DIR"
if [ ! -x "$BENCH_DIR/venv/bin/ruff" ]; then
  echo "Installing ruff into $BENCH_DIR/venv..."
  python3 -m venv "$BENCH_DIR/venv" || {
    $SUDO apt-get install -y -qq python3-venv && python3 -m venv "$BENCH_DIR/venv"
  }
  "$BENCH_DIR/venv/bin/pip" install -q ruff
fi
[ -x "$BIN" ] || { echo "no resourcelint binary at $BIN (run: make bench)" >&2; exit 2; }

exec python3 scripts/bench/bench.py --bin "$BIN" --bench-dir "$BENCH_DIR" \
  --ruff "$BENCH_DIR/venv/bin/ruff" "$@"
