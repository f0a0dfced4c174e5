#!/usr/bin/env bash
# Create the Flyte 2 oracle's virtual environment (.venv-oracle-flyte2/ at the repository root)
# with the flyte release that the Flyte 2 scanner was written against (2.12.1). The venv is
# reused while it still holds that exact release.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
venv="${ORACLE_FLYTE2_VENV:-$root/.venv-oracle-flyte2}"
python="${PYTHON:-python3}"

if [ -x "$venv/bin/python" ] && "$venv/bin/python" - <<'PY' 2>/dev/null
import importlib.metadata as m
assert m.version("flyte") == "2.12.1"
PY
then
  exit 0
fi

if ! "$python" -m venv --help >/dev/null 2>&1 || ! "$python" -m ensurepip --version >/dev/null 2>&1; then
  echo "setup.sh: $python cannot create virtual environments; on Debian: apt-get install python3-venv" >&2
  exit 2
fi
"$python" -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --upgrade pip
"$venv/bin/python" -m pip install --quiet "flyte==2.12.1"
