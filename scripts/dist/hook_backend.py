"""The build backend (PEP 517) behind `pip install .` of this repository.

pre-commit's `language: python` hooks install the hook repository with `pip install .`, so a
checkout of resourcelint must build as a Python package without a Swift toolchain. It does so
as a shim, the way ruff's pre-commit mirror works: the package `resourcelint-pre-commit` holds no
files, only a dependency on the `resourcelint` wheel of the same version (the self-contained
binary, built by `make dist`), which pip takes from its index or from `PIP_FIND_LINKS`.

The backend needs nothing installed (`requires = []` in pyproject.toml), so it builds offline.
"""

import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from version import ROOT, read_version  # noqa: E402
from wheel_writer import write_wheel  # noqa: E402

SHIM_NAME = "resourcelint-pre-commit"


def _shim(wheel_directory: str) -> pathlib.Path:
    version = read_version()
    return write_wheel(
        pathlib.Path(wheel_directory),
        name=SHIM_NAME,
        version=version,
        tag="py3-none-any",
        metadata=[
            ("Summary", "Installs the resourcelint binary wheel for pre-commit's python hooks."),
            ("License", "Apache-2.0"),
            ("Requires-Dist", f"resourcelint=={version}"),
        ],
        files=[],
        license_text=(ROOT / "LICENSE").read_bytes(),
        purelib=True,
    )


def get_requires_for_build_wheel(config_settings=None):
    return []


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    return _shim(wheel_directory).name
