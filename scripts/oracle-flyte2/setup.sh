#!/usr/bin/env bash
# Create the Flyte 2 oracle's virtual environment (.venv-oracle-flyte2/ at the repository root)
# with the flyte release that the Flyte 2 scanner was written against (2.12.1). The venv is
# reused while it still holds that exact release.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
exec bash "$root/scripts/oracle/pinned-venv.sh" \
  "${ORACLE_FLYTE2_VENV:-$root/.venv-oracle-flyte2}" "flyte==2.12.1"
