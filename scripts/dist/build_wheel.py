"""Packs the self-contained resourcelint binary into a platform wheel, as ruff ships.

The wheel's only payload is the binary in `resourcelint-<version>.data/scripts/`, which pip
installs as `bin/resourcelint`: no Python code runs when the tool does. The platform tag is
read off the binary: `manylinux_<major>_<minor>_x86_64` for the newest glibc symbol version
it needs, so pip refuses it on a system whose glibc is older.

Usage: build_wheel.py BINARY OUTPUT_DIRECTORY   (prints the wheel's path)
"""

import pathlib
import re
import subprocess
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from version import ROOT, read_version  # noqa: E402
from wheel_writer import WheelFile, write_wheel  # noqa: E402

SUMMARY = "Lint compute-resource declarations in flytekit/Flyte Python and Kubernetes/Flyte YAML."


def newest_glibc(binary: pathlib.Path) -> tuple[int, int]:
    """The newest GLIBC_x.y symbol version the binary's dynamic symbols refer to."""
    symbols = subprocess.run(
        ["objdump", "-T", str(binary)], check=True, capture_output=True, text=True
    ).stdout
    versions = {(int(major), int(minor)) for major, minor in re.findall(r"GLIBC_(\d+)\.(\d+)", symbols)}
    if not versions:
        raise RuntimeError(f"{binary}: no GLIBC symbol versions (is it a dynamically linked ELF?)")
    return max(versions)


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    binary, output = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    version = read_version()
    major, minor = newest_glibc(binary)
    tag = f"py3-none-manylinux_{major}_{minor}_x86_64"
    wheel = write_wheel(
        output,
        name="resourcelint",
        version=version,
        tag=tag,
        metadata=[
            ("Summary", SUMMARY),
            ("License", "Apache-2.0"),
            ("Requires-Python", ">=3.7"),
            ("Keywords", "flyte,flytekit,kubernetes,resources,linter"),
            ("Classifier", "Environment :: Console"),
            ("Classifier", "License :: OSI Approved :: Apache Software License"),
            ("Classifier", "Operating System :: POSIX :: Linux"),
            ("Classifier", "Topic :: Software Development :: Quality Assurance"),
        ],
        files=[WheelFile(f"resourcelint-{version}.data/scripts/resourcelint", binary.read_bytes(), executable=True)],
        license_text=(ROOT / "LICENSE").read_bytes(),
        purelib=False,
        description=(ROOT / "README.md").read_text(encoding="utf-8"),
    )
    print(wheel)
    return 0


if __name__ == "__main__":
    sys.exit(main())
