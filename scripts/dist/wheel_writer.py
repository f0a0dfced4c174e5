"""Writes a wheel as the binary distribution format specification describes it.

A wheel is a zip archive holding the installed files, a `.dist-info` folder with METADATA,
WHEEL and RECORD (every file's sha256 and size), and optionally a `.data` folder whose
`scripts/` entries the installer copies into the environment's `bin/`. Both resourcelint's
binary wheel (scripts/dist/build_wheel.py) and the pre-commit hook's shim package
(scripts/dist/hook_backend.py) are written here, so that the format is encoded once.

Entries are sorted and dated 1980-01-01 (the zip epoch), so the same inputs give the same
wheel byte for byte.
"""

import base64
import dataclasses
import hashlib
import pathlib
import re
import zipfile

_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


@dataclasses.dataclass(frozen=True)
class WheelFile:
    """One file inside the wheel: its archive path, bytes and whether it is executable."""

    path: str
    data: bytes
    executable: bool = False


def normalized_name(name: str) -> str:
    """The distribution name as wheel file names and `.dist-info` folders spell it."""
    return re.sub(r"[-_.]+", "_", name).lower()


def _record_hash(data: bytes) -> str:
    digest = hashlib.sha256(data).digest()
    return "sha256=" + base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def _entry(path: str, executable: bool) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(path, date_time=_ZIP_EPOCH)
    info.compress_type = zipfile.ZIP_DEFLATED
    mode = 0o755 if executable else 0o644
    info.external_attr = (0o100000 | mode) << 16  # a regular file with these permissions
    return info


def write_wheel(
    directory: pathlib.Path,
    *,
    name: str,
    version: str,
    tag: str,
    metadata: list[tuple[str, str]],
    files: list[WheelFile],
    license_text: bytes,
    purelib: bool,
    description: str = "",
) -> pathlib.Path:
    """Writes `<name>-<version>-<tag>.whl` into `directory` and returns its path.

    `metadata` holds the METADATA fields after Metadata-Version, Name and Version, in order;
    `description` becomes the METADATA body (shown by package indexes).
    """
    distribution = normalized_name(name)
    dist_info = f"{distribution}-{version}.dist-info"
    header = [("Metadata-Version", "2.1"), ("Name", name), ("Version", version)]
    metadata_text = "".join(f"{key}: {value}\n" for key, value in header + metadata)
    if description:
        metadata_text += "Description-Content-Type: text/markdown\n\n" + description
    wheel_text = (
        "Wheel-Version: 1.0\n"
        "Generator: resourcelint scripts/dist/wheel_writer.py\n"
        f"Root-Is-Purelib: {'true' if purelib else 'false'}\n"
        f"Tag: {tag}\n"
    )
    contents = sorted(files, key=lambda file: file.path) + [
        WheelFile(f"{dist_info}/LICENSE", license_text),
        WheelFile(f"{dist_info}/METADATA", metadata_text.encode("utf-8")),
        WheelFile(f"{dist_info}/WHEEL", wheel_text.encode("utf-8")),
    ]
    record_path = f"{dist_info}/RECORD"
    record_lines = [f"{file.path},{_record_hash(file.data)},{len(file.data)}" for file in contents]
    record_lines.append(f"{record_path},,")
    contents.append(WheelFile(record_path, ("\n".join(record_lines) + "\n").encode("utf-8")))

    directory.mkdir(parents=True, exist_ok=True)
    target = directory / f"{distribution}-{version}-{tag}.whl"
    partial = target.with_suffix(".whl.partial")
    with zipfile.ZipFile(partial, "w") as archive:
        for file in contents:
            archive.writestr(_entry(file.path, file.executable), file.data)
    partial.replace(target)
    return target
