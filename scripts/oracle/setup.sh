#!/usr/bin/env bash
# Create the oracle's virtual environment (.venv-oracle/ at the repository root) with the
# flytekit release that SEMANTICS.md was written against. Both pins matter: unpinned, pip
# spends many minutes backtracking through flytekit's dependency tree.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
venv="${ORACLE_VENV:-$root/.venv-oracle}"
python="${PYTHON:-python3}"

if [ -x "$venv/bin/python" ] && "$venv/bin/python" - <<'PY' 2>/dev/null
import importlib.metadata as m
assert m.version("flytekit") == "1.16.31"
assert m.version("kubernetes") == "31.0.0"
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
"$venv/bin/python" -m pip install --quiet "flytekit==1.16.31" "kubernetes==31.0.0"
