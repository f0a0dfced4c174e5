#!/usr/bin/env bash
# Prints resourcelint's version, read from its one source: Sources/resourcelint/Version.swift.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
version="$(sed -n 's/^let resourcelintVersion = "\([^"]*\)"$/\1/p' "$root/Sources/resourcelint/Version.swift")"
if [ -z "$version" ]; then
  echo "version.sh: no 'let resourcelintVersion = \"…\"' line in Sources/resourcelint/Version.swift" >&2
  exit 1
fi
echo "$version"
