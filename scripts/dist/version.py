"""resourcelint's version, read from its one source: Sources/resourcelint/Version.swift.

Run as a script it prints the version (the Makefile and scripts/dist/build.sh use it); the
wheel writer and the pre-commit hook's build backend import `read_version`.
"""

import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
SOURCE = ROOT / "Sources" / "resourcelint" / "Version.swift"
_LINE = re.compile(r'^let resourcelintVersion = "([0-9A-Za-z.+-]+)"$', re.MULTILINE)


def read_version() -> str:
    match = _LINE.search(SOURCE.read_text(encoding="utf-8"))
    if match is None:
        raise RuntimeError(f'{SOURCE}: no line `let resourcelintVersion = "..."`')
    return match.group(1)


if __name__ == "__main__":
    try:
        print(read_version())
    except (OSError, RuntimeError) as error:
        print(f"version.py: {error}", file=sys.stderr)
        sys.exit(1)
