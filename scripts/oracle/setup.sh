#!/usr/bin/env bash
# Create the oracle's virtual environment (.venv-oracle/ at the repository root) with the
# flytekit release that SEMANTICS.md was written against. Both pins matter: unpinned, pip
# spends many minutes backtracking through flytekit's dependency tree.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
exec bash "$root/scripts/oracle/pinned-venv.sh" "${ORACLE_VENV:-$root/.venv-oracle}" \
  "flytekit==1.16.31" "kubernetes==31.0.0"
