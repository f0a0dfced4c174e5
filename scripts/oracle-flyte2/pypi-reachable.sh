#!/usr/bin/env bash
# Exit 0 when the package index answers for the pinned flyte release (a dry fetch of its wheel
# without dependencies, with a short timeout), 1 otherwise: .ci/run skips the Flyte 2 oracle
# offline instead of failing. A venv that already holds the pin needs no index at all.
root="$(cd "$(dirname "$0")/../.." && pwd)"
venv="${ORACLE_FLYTE2_VENV:-$root/.venv-oracle-flyte2}"
python="${PYTHON:-python3}"
if [ -x "$venv/bin/python" ] && "$venv/bin/python" -c \
  'import importlib.metadata as m; assert m.version("flyte") == "2.12.1"' 2>/dev/null; then
  exit 0
fi
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
timeout 60 "$python" -m pip download --quiet --no-deps --dest "$scratch" \
  --timeout 10 --retries 0 "flyte==2.12.1" >/dev/null 2>&1
