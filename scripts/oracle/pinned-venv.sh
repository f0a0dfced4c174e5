#!/usr/bin/env bash
# pinned-venv.sh DIR NAME==VERSION...: make DIR a virtual environment holding exactly these
# releases from PyPI, or leave it alone when it already does (both oracles' setup scripts).
set -euo pipefail
venv="$1"
shift
python="${PYTHON:-python3}"

if [ -x "$venv/bin/python" ] && "$venv/bin/python" - "$@" <<'PY' 2>/dev/null
import importlib.metadata as m
import sys
for pin in sys.argv[1:]:
    name, version = pin.split("==")
    assert m.version(name) == version
PY
then
  exit 0
fi

if ! "$python" -m venv --help >/dev/null 2>&1 || ! "$python" -m ensurepip --version >/dev/null 2>&1; then
  echo "pinned-venv.sh: $python cannot create virtual environments; on Debian: apt-get install python3-venv" >&2
  exit 2
fi
"$python" -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --upgrade pip
"$venv/bin/python" -m pip install --quiet "$@"
