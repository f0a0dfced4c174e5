#!/usr/bin/env bash
# Prepares the SARIF validator that Tests/LintingTests/FormatTests.swift runs: a virtual
# environment under .build/sarif/venv (ignored by git, kept between runs so that only the first
# run downloads anything) with pinned jsonschema and rfc3987 (which lets jsonschema check the
# schema's "uri" and "uri-reference" formats). Prints the venv's python.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
python="${PYTHON:-python3}"
base="$root/.build/sarif"
venv="$base/venv"
pins=("jsonschema==4.23.0" "rfc3987==1.3.8")
mkdir -p "$base"

# Two test runs at once (two scratch paths, one checkout) take turns here.
exec 9>"$base/lock"
flock 9

ready() {
  [ -x "$venv/bin/python" ] && "$venv/bin/python" - "${pins[@]}" <<'PY' 2>/dev/null
import importlib.metadata as m, sys
for pin in sys.argv[1:]:
    name, version = pin.split("==")
    assert m.version(name) == version
PY
}

if ! ready; then
  if ! "$python" -m venv --help >/dev/null 2>&1 || ! "$python" -m ensurepip --version >/dev/null 2>&1; then
    echo "sarif/setup.sh: $python cannot create virtual environments; on Debian: apt-get install python3-venv" >&2
    exit 2
  fi
  # Build beside the final place and move it in, so an interrupted install leaves nothing half-made.
  rm -rf "$venv" "$venv.new"
  "$python" -m venv "$venv.new"
  "$venv.new/bin/python" -m pip install --quiet --disable-pip-version-check "${pins[@]}" >&2
  # Only bin/python is used, and it finds its packages relative to itself, so a moved venv works.
  mv "$venv.new" "$venv"
fi
echo "$venv/bin/python"
