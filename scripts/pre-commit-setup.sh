#!/usr/bin/env bash
# Prepares what Tests/LintingTests/PreCommitTests.swift runs the real pre-commit client with,
# under .build/precommit/ (ignored by git, kept between runs so that only the first run pays):
#
#   venv/       pre-commit $PRE_COMMIT_VERSION, installed from PyPI once.
#   hook-repo/  a git repository holding this working tree as one commit, as it would be
#               committed: tracked and untracked files, minus ignored ones. pre-commit only
#               installs hooks from commits, and `try-repo` on a working tree takes staged and
#               modified tracked files but no new ones, so a fresh commit is what proves the
#               files on disk. Its author and dates are fixed, so the same tree always gives
#               the same commit and pre-commit's cached build stays valid.
#   home/       PRE_COMMIT_HOME: pre-commit's clones and its release build of the hook.
#               Emptied whenever hook-repo gets a new commit, so that old builds do not pile up.
#
# Prints two lines: the pre-commit executable and the hook repository's commit.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
version="${PRE_COMMIT_VERSION:-4.7.0}"
python="${PYTHON:-python3}"
base="$root/.build/precommit"
mkdir -p "$base"

# Two test runs at once (two scratch paths, one checkout) take turns here.
exec 9>"$base/lock"
flock 9

venv="$base/venv"
if [ "$("$venv/bin/pre-commit" --version 2>/dev/null)" != "pre-commit $version" ]; then
  if ! "$python" -m venv --help >/dev/null 2>&1 \
    || ! "$python" -m ensurepip --version >/dev/null 2>&1; then
    echo "pre-commit-setup.sh: $python cannot create virtual environments" \
      "(on Debian: apt-get install python3-venv)" >&2
    exit 2
  fi
  rm -rf "$venv"
  "$python" -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "pre-commit==$version" >&2
fi

# Snapshot the working tree into a scratch repository, then keep it only if it differs.
if ! git -C "$root" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  echo "pre-commit-setup.sh: $root is not a git work tree" >&2
  exit 2
fi
scratch="$base/hook-repo.new"
rm -rf "$scratch"
mkdir -p "$scratch"
# Files deleted from the work tree but still tracked are listed too: skip them quietly.
git -C "$root" ls-files -z --cached --others --exclude-standard \
  | (cd "$root" && tar --null --ignore-failed-read --warning=none -T - -cf -) \
  | tar -xf - -C "$scratch"
(
  cd "$scratch"
  git init --quiet
  git add --all
  GIT_AUTHOR_DATE='2000-01-01T00:00:00Z' GIT_COMMITTER_DATE='2000-01-01T00:00:00Z' \
    git -c user.name=resourcelint-tests -c user.email=tests@resourcelint.invalid \
      -c commit.gpgsign=false commit --quiet --no-verify -m 'working tree snapshot'
)
new="$(git -C "$scratch" rev-parse HEAD)"
old="$(git -C "$base/hook-repo" rev-parse HEAD 2>/dev/null || true)"
if [ "$new" = "$old" ]; then
  rm -rf "$scratch"
else
  rm -rf "$base/hook-repo" "$base/home"
  mv "$scratch" "$base/hook-repo"
fi

echo "$venv/bin/pre-commit"
echo "$new"
