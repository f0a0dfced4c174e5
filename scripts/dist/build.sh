#!/usr/bin/env bash
# `make dist`: a self-contained Linux release of resourcelint under dist/.
#
#   dist/resourcelint-<version>-x86_64-linux.tar.gz         the binary, LICENSE and README.md
#   dist/resourcelint-<version>-x86_64-linux.tar.gz.sha256  its checksum (sha256sum -c reads it)
#   dist/resourcelint-<version>-py3-none-manylinux_*.whl     the same binary as a wheel
#
# The binary links the Swift standard library statically (--static-swift-stdlib) and libyaml
# and libpcre2 statically too: SwiftPM asks pkg-config how to link them, so the build gets a
# pkg-config folder of its own whose -L names a folder holding only the Debian static archives
# (libyaml.a, libpcre2-8.a). The linker finds no .so there and takes the archive. What is left
# is glibc, libm, libstdc++ and libgcc_s, the libraries every manylinux system has; the script
# fails if anything else is linked.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
swift="${SWIFT:-swift}"
python="${PYTHON:-python3}"
version="$("$python" scripts/dist/version.py)"
arch="$(uname -m)"
if [ "$(uname -s)" != Linux ] || [ "$arch" != x86_64 ]; then
  echo "build.sh: make dist builds the x86_64 Linux release; this is $(uname -s) $arch" >&2
  exit 2
fi

work="$root/.build-dist"
static="$work/static-libs"
rm -rf "$static"
mkdir -p "$static/pkgconfig"
for spec in "yaml-0.1 libyaml.a" "libpcre2-8 libpcre2-8.a"; do
  set -- $spec
  libdir="$(pkg-config --variable=libdir "$1")"
  if [ ! -f "$libdir/$2" ]; then
    echo "build.sh: $libdir/$2 is missing (Debian: apt-get install libyaml-dev libpcre2-dev)" >&2
    exit 2
  fi
  ln -s "$libdir/$2" "$static/$2"
  printf 'Name: %s\nDescription: static archive for make dist\nVersion: %s\nCflags: %s\nLibs: -L%s -l%s\n' \
    "$1" "$(pkg-config --modversion "$1")" "$(pkg-config --cflags "$1")" "$static" \
    "$(basename "$2" .a | sed 's/^lib//')" > "$static/pkgconfig/$1.pc"
done

PKG_CONFIG_PATH="$static/pkgconfig" "$swift" build -c release --product resourcelint \
  --static-swift-stdlib --scratch-path "$work/build" -Xlinker -L"$static"
built="$work/build/release/resourcelint"

# Only system libraries may be left: fail loudly rather than ship a binary that needs the
# toolchain or the C libraries' shared objects.
libraries="$(ldd "$built")"
if grep -E 'libswift|libyaml|libpcre2|libFoundation|libdispatch|not found' <<<"$libraries"; then
  echo "build.sh: the binary still links the libraries above" >&2
  exit 1
fi

name="resourcelint-$version-$arch-linux"
stage="$work/$name"
rm -rf "$stage"
mkdir -p "$stage" "$root/dist"
strip -o "$stage/resourcelint" "$built"
cp LICENSE README.md "$stage/"
# Sorted names, fixed owner and dates: the same binary gives the same tarball.
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime='2000-01-01 00:00:00Z' \
  -C "$work" -cf - "$name" | gzip -n -9 > "$root/dist/$name.tar.gz.partial"
mv "$root/dist/$name.tar.gz.partial" "$root/dist/$name.tar.gz"
(cd "$root/dist" && sha256sum "$name.tar.gz" > "$name.tar.gz.sha256")
rm -f "$root"/dist/resourcelint-"$version"-*.whl
wheel="$("$python" scripts/dist/build_wheel.py "$stage/resourcelint" "$root/dist")"

echo "dist/$name.tar.gz ($(du -h "$root/dist/$name.tar.gz" | cut -f1))"
echo "${wheel#"$root"/} ($(du -h "$wheel" | cut -f1))"
echo "binary: $(du -h "$stage/resourcelint" | cut -f1), links: $(awk '{print $1}' <<<"$libraries" | tr '\n' ' ')"
