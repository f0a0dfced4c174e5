"""The release artifacts of `make dist`, used the way a user without Swift meets them.

`make test-dist` runs this file with pytest from `.venv-dist/` after `make dist` and a debug
build. Every check runs a real consumer: tar and sha256sum, ldd, `python -m zipfile`,
auditwheel, pip in a fresh virtual environment with no index, and the pre-commit client.
The programs under test run with a PATH that holds no Swift toolchain and an empty
LD_LIBRARY_PATH, so a binary that still needed the toolchain's libraries would fail here.
"""

import base64
import csv
import hashlib
import io
import os
import pathlib
import shutil
import subprocess
import sys
import tarfile
import zipfile

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts" / "dist"))
from version import read_version  # noqa: E402

VERSION = read_version()
DIST = pathlib.Path(os.environ.get("RESOURCELINT_DIST", ROOT / "dist"))
DEV_BINARY = pathlib.Path(os.environ.get("RESOURCELINT_DEV_BINARY", ROOT / ".build/debug/resourcelint"))
TARBALL = DIST / f"resourcelint-{VERSION}-x86_64-linux.tar.gz"
SYSTEM_PATH = "/usr/local/bin:/usr/bin:/bin"
FIXTURE = "Fixtures/examples"


def the_wheel() -> pathlib.Path:
    wheels = sorted(DIST.glob(f"resourcelint-{VERSION}-py3-none-manylinux_*_x86_64.whl"))
    assert len(wheels) == 1, f"expected one resourcelint wheel in {DIST}, found {wheels}"
    return wheels[0]


def run(arguments, **options) -> subprocess.CompletedProcess:
    return subprocess.run(arguments, capture_output=True, text=True, **options)


def without_swift(path: str) -> dict:
    """An environment with only `path` to search and nothing that points at a toolchain."""
    assert shutil.which("swift", path=path) is None, f"{path} holds a swift"
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("GIT_", "PRE_COMMIT", "PIP_", "VIRTUAL_ENV", "PYTHON", "GITHUB_"))
    }
    environment.update(PATH=path, LD_LIBRARY_PATH="", NO_COLOR="1")
    return environment


@pytest.fixture(scope="session")
def venv(tmp_path_factory) -> pathlib.Path:
    """A fresh virtual environment with the wheel installed from the file, no index."""
    directory = tmp_path_factory.mktemp("venv")
    subprocess.run([sys.executable, "-m", "venv", str(directory)], check=True)
    install = run(
        [str(directory / "bin/pip"), "install", "--no-index", "--no-cache-dir", str(the_wheel())],
        env=without_swift(SYSTEM_PATH) | {"PIP_DISABLE_PIP_VERSION_CHECK": "1"},
    )
    assert install.returncode == 0, install.stdout + install.stderr
    return directory


def test_tarball_holds_binary_license_readme_and_matches_its_checksum():
    prefix = f"resourcelint-{VERSION}-x86_64-linux"
    with tarfile.open(TARBALL) as archive:
        members = {member.name: member for member in archive.getmembers()}
        assert set(members) == {prefix, f"{prefix}/resourcelint", f"{prefix}/LICENSE", f"{prefix}/README.md"}
        assert members[f"{prefix}/resourcelint"].mode & 0o111 == 0o111
        license_text = archive.extractfile(f"{prefix}/LICENSE").read()
    assert license_text == (ROOT / "LICENSE").read_bytes()
    assert b"Apache License" in license_text and b"Version 2.0" in license_text
    check = run(["sha256sum", "--check", TARBALL.name + ".sha256"], cwd=DIST)
    assert check.returncode == 0 and f"{TARBALL.name}: OK" in check.stdout, check.stdout + check.stderr


def test_binary_links_no_swift_yaml_or_pcre2_library(tmp_path):
    with tarfile.open(TARBALL) as archive:
        archive.extractall(tmp_path, filter="data")
    binary = tmp_path / f"resourcelint-{VERSION}-x86_64-linux/resourcelint"
    libraries = run(["ldd", str(binary)], env=without_swift(SYSTEM_PATH)).stdout
    names = {line.split()[0] for line in libraries.splitlines() if line.strip()}
    allowed = {"linux-vdso.so.1", "libc.so.6", "libm.so.6", "libstdc++.so.6", "libgcc_s.so.1",
               "libpthread.so.0", "libdl.so.2", "librt.so.1", "/lib64/ld-linux-x86-64.so.2"}
    assert names <= allowed, libraries
    # SwiftPM links every executable with RUNPATH $ORIGIN; nothing may point at a toolchain.
    dynamic = run(["readelf", "--dynamic", str(binary)]).stdout
    search_paths = [line for line in dynamic.splitlines() if "PATH" in line]
    assert all(line.endswith("[$ORIGIN]") for line in search_paths), dynamic
    version = run([str(binary), "--version"], env=without_swift(SYSTEM_PATH))
    assert (version.returncode, version.stdout) == (0, VERSION + "\n"), version.stderr


def test_wheel_is_valid_per_the_wheel_spec():
    wheel = the_wheel()
    listing = run([sys.executable, "-m", "zipfile", "-l", str(wheel)])
    assert listing.returncode == 0, listing.stderr
    dist_info = f"resourcelint-{VERSION}.dist-info"
    script = f"resourcelint-{VERSION}.data/scripts/resourcelint"
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        assert sorted(names) == sorted([script, f"{dist_info}/LICENSE", f"{dist_info}/METADATA",
                                        f"{dist_info}/WHEEL", f"{dist_info}/RECORD"])
        assert (archive.getinfo(script).external_attr >> 16) & 0o111 == 0o111
        record = list(csv.reader(io.StringIO(archive.read(f"{dist_info}/RECORD").decode())))
        assert sorted(row[0] for row in record) == sorted(names)
        for path, digest, size in record:
            if path.endswith("/RECORD"):
                assert (digest, size) == ("", "")
                continue
            data = archive.read(path)
            expected = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
            assert (digest, int(size)) == (f"sha256={expected}", len(data)), path
        wheel_fields = archive.read(f"{dist_info}/WHEEL").decode().splitlines()
        metadata = archive.read(f"{dist_info}/METADATA").decode()
    tag = wheel.name.removesuffix(".whl").split("-", 2)[2]
    assert "Wheel-Version: 1.0" in wheel_fields and f"Tag: {tag}" in wheel_fields
    assert "Root-Is-Purelib: false" in wheel_fields
    assert "Name: resourcelint\n" in metadata and f"Version: {VERSION}\n" in metadata
    assert "License: Apache-2.0\n" in metadata


def test_auditwheel_agrees_with_the_platform_tag():
    wheel = the_wheel()
    auditwheel = pathlib.Path(sys.executable).parent / "auditwheel"
    show = run([str(auditwheel), "show", str(wheel)])
    assert show.returncode == 0, show.stdout + show.stderr
    tag = wheel.name.removesuffix(".whl").rsplit("-", 1)[1]
    text = " ".join(show.stdout.split())
    assert f'is consistent with the following platform tag: "{tag}"' in text, show.stdout
    for library in ("libswift", "libyaml", "libpcre2"):
        assert library not in show.stdout


def test_installed_wheel_runs_without_swift_like_the_development_build(venv):
    assert DEV_BINARY.is_file(), f"{DEV_BINARY} is missing: run `swift build` first"
    environment = without_swift(f"{venv}/bin:{SYSTEM_PATH}")
    installed = shutil.which("resourcelint", path=environment["PATH"])
    assert installed == f"{venv}/bin/resourcelint"
    version = run(["resourcelint", "--version"], env=environment)
    assert (version.returncode, version.stdout) == (0, VERSION + "\n"), version.stderr
    findings = run(["resourcelint", "check", FIXTURE], env=environment, cwd=ROOT)
    assert findings.returncode == 1 and "[RL" in findings.stdout, findings.stdout
    for arguments in (["check", FIXTURE], ["check", "--format", "json", FIXTURE],
                      ["check", "--format", "sarif", FIXTURE], ["dump", "--format", "json", FIXTURE]):
        wheel_run = run(["resourcelint", *arguments], env=environment, cwd=ROOT)
        dev_run = run([str(DEV_BINARY), *arguments], env=environment, cwd=ROOT)
        assert wheel_run.returncode == dev_run.returncode, arguments
        assert wheel_run.stdout == dev_run.stdout, arguments
        assert wheel_run.stderr == dev_run.stderr, arguments
    sarif = run(["resourcelint", "check", "--format", "sarif", "--exit-zero", FIXTURE],
                env=environment, cwd=ROOT)
    assert f'"version": "{VERSION}"' in sarif.stdout


BAD_TASK = 'from flytekit import Resources, task\n\n\n@task(requests=Resources(mem="1GB"))\ndef train() -> None: ...\n'
GOOD_TASK = 'from flytekit import Resources, task\n\n\n@task(requests=Resources(mem="1Gi"))\ndef train() -> None: ...\n'


def git(repository, *arguments, environment):
    identity = ["-c", "user.name=resourcelint-tests", "-c", "user.email=tests@resourcelint.invalid",
                "-c", "commit.gpgsign=false"]
    return run(["git", *identity, *arguments], cwd=repository, env=environment)


def test_python_hook_installs_the_wheel_offline_and_gates_commits(tmp_path):
    """The `language: python` hook with the real pre-commit client: no Swift, no network."""
    setup = run(["bash", str(ROOT / "scripts/pre-commit-setup.sh")], cwd=ROOT)
    assert setup.returncode == 0, setup.stderr
    pre_commit, revision = setup.stdout.split()
    hook_repository = ROOT / ".build/precommit/hook-repo"

    environment = without_swift(f"{pathlib.Path(pre_commit).parent}:{SYSTEM_PATH}")
    # No index at all: the wheel can only come from the find-links folder.
    environment.update(PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"), PIP_NO_INDEX="1",
                       PIP_FIND_LINKS=str(DIST), PIP_CONFIG_FILE=os.devnull,
                       PIP_DISABLE_PIP_VERSION_CHECK="1")
    project = tmp_path / "project"
    (project / "flows").mkdir(parents=True)
    (project / "vendor").mkdir()
    (project / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {hook_repository}\n    rev: {revision}\n    hooks:\n      - id: resourcelint\n")
    (project / ".resourcelint.yml").write_text('exclude: ["vendor/**"]\n')
    assert git(project, "init", "--quiet", environment=environment).returncode == 0
    install = run([pre_commit, "install"], cwd=project, env=environment)
    assert install.returncode == 0, install.stdout + install.stderr

    # 1. A finding blocks the commit, and the message names file, line, column and rule.
    (project / "flows/train.py").write_text(BAD_TASK)
    git(project, "add", "--all", environment=environment)
    blocked = git(project, "commit", "-m", "bad", environment=environment)
    output = blocked.stdout + blocked.stderr
    assert blocked.returncode != 0, output
    assert "flows/train.py:4:30: error: " in output and "[RL004]" in output, output
    assert run(["git", "rev-parse", "--verify", "--quiet", "HEAD"], cwd=project, env=environment).returncode != 0

    # 2. Fixed, the same commit goes through.
    (project / "flows/train.py").write_text(GOOD_TASK)
    git(project, "add", "--all", environment=environment)
    passed = git(project, "commit", "-m", "good", environment=environment)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "resourcelint" in passed.stdout + passed.stderr and "Passed" in passed.stdout + passed.stderr

    # 3. A file the project's .resourcelint.yml excludes is passed by name and still skipped
    # (--force-exclude); the same file outside vendor/ is checked.
    (project / "vendor/sdk.py").write_text(BAD_TASK)
    git(project, "add", "--all", environment=environment)
    vendored = git(project, "commit", "-m", "vendored", environment=environment)
    assert vendored.returncode == 0, vendored.stdout + vendored.stderr
    hooks = run([pre_commit, "run", "--files", "vendor/sdk.py", "flows/train.py"], cwd=project, env=environment)
    assert hooks.returncode == 0 and "vendor/sdk.py" not in hooks.stdout, hooks.stdout

    # The hook's environment holds the wheel's binary, not a build.
    environments = list((tmp_path / "pre-commit-home").glob("repo*/py_env-*/bin/resourcelint"))
    assert len(environments) == 1, environments
    with zipfile.ZipFile(the_wheel()) as archive:
        shipped = archive.read(f"resourcelint-{VERSION}.data/scripts/resourcelint")
    assert environments[0].read_bytes() == shipped


def test_readme_install_names_the_artifacts_make_dist_builds():
    readme = (ROOT / "README.md").read_text()
    install = readme[readme.index("## Install"):readme.index("## Quick start")]
    assert the_wheel().name in install
    assert TARBALL.name in install and TARBALL.name + ".sha256" in install
    glibc = the_wheel().name.split("manylinux_")[1].split("_x86_64")[0].replace("_", ".")
    assert f"glibc {glibc} or newer" in install
    assert f"(here {VERSION})" in install


def test_action_installs_a_wheel_and_runs_check_format_github(tmp_path):
    """The action's steps for the `wheel` input, run as the runner would run them."""
    import yaml  # pre-commit's dependency, so present in this environment

    action = yaml.safe_load((ROOT / "action.yml").read_text())
    assert action["runs"]["using"] == "composite"
    inputs = {"paths": "Fixtures/examples", "args": "--strict", "wheel": str(the_wheel())}
    github_path = tmp_path / "github_path"
    github_path.write_text("")
    environment = without_swift(SYSTEM_PATH) | {
        "RUNNER_TEMP": str(tmp_path), "GITHUB_PATH": str(github_path), "GITHUB_ACTIONS": "true"}
    environment["PIP_CONFIG_FILE"] = os.devnull
    last = None
    for step in action["runs"]["steps"]:
        condition = step.get("if", "")
        if condition == "inputs.wheel == ''" or "uses" in step:
            continue  # the build-from-source steps
        assert condition in ("", "inputs.wheel != ''"), condition
        script = step["run"]
        step_environment = dict(environment)
        for name, value in step.get("env", {}).items():
            step_environment[name] = inputs[value.removeprefix("${{ inputs.").removesuffix(" }}")]
        added = [line for line in github_path.read_text().splitlines() if line]
        step_environment["PATH"] = ":".join(added + [environment["PATH"]])
        last = run(["bash", "-e", "-c", script], env=step_environment, cwd=ROOT)
        assert last.returncode in (0, 1), script + last.stdout + last.stderr
    assert last is not None and last.returncode == 1
    assert last.stdout.startswith(VERSION + "\n")
    assert "::error file=Fixtures/examples/" in last.stdout, last.stdout
    workflow = (ROOT / "integrations/github/resourcelint.yml").read_text()
    assert "uses: resourcelint/resourcelint@COMMIT" in workflow
