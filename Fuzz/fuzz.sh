#!/usr/bin/env bash
# Builds the libFuzzer targets in Fuzz/Targets and runs each for a while.
#
#   Fuzz/fuzz.sh [SECONDS] [TARGET...]      (default: 60 s each, every target)
#
# FUZZ_RUNS=N stops each target after N executions (libFuzzer's -runs) instead: with it, an
# empty SECONDS means no time limit, and a SECONDS given too stops at whichever comes first.
#
# FUZZ_CONFIGURATION=debug builds the instrumented libraries in about 15 s instead of about
# 2 minutes (release), at fewer executions per second.
#
# FUZZ_ASAN=0 builds with coverage only (no AddressSanitizer), in .build-fuzz-noasan/ and
# .fuzz/bin/CONFIG-noasan/: two to three times the executions a second, for counted runs. Swift's
# own checks (array bounds, overflow, unwrapping) still trap, but a wrong unsafe-pointer access
# no longer does, so such a run ends by replaying its whole corpus with the ASan build (every
# input it kept, against the same targets): see FUZZ_REPLAY below.
#
# FUZZ_REPLAY=1 only replays each target's corpus once (libFuzzer's -runs=0), with whichever
# build FUZZ_ASAN selects.
#
# Without ASan, libFuzzer's -timeout handler allocates from a signal handler and can deadlock
# in glibc's malloc: a run whose log stops growing after "ALARM: working on the last Unit" has
# found a slow input but not written it. The input is still in the process's memory (the
# unit being run is a mutation of the "base unit" the log names, of the same size), where
# Fuzz/COUNTS.md describes finding it.
#
# Targets: quantity, python-parser, python-scanner, yaml-scanner, config.
#
# Why not a SwiftPM executable target: SwiftPM renames an executable's entry point
# (`<module>_main`), so a target defining `LLVMFuzzerTestOneInput` and linked with
# libFuzzer's `main` fails to link. Instead the library targets are built by SwiftPM with
# `-sanitize=fuzzer,address` (coverage + ASan, no link step), and each fuzz entry file is
# compiled and linked by `swiftc` against their modules and object files.
#
# Everything generated goes to .build-fuzz/ (SwiftPM) and .fuzz/ (binaries, seed copies, the
# growing corpora, logs and crash reproducers), both gitignored. A reproducer replays with
# `.fuzz/bin/release/TARGET FILE`; once fixed, copy it to Fixtures/fuzz-regressions/TARGET/ so
# that Tests/LintingTests/FuzzRegressionTests.swift replays it on every `swift test`.
set -euo pipefail

# The whole script is one function: bash parses it completely before running, so editing
# this file during a long run cannot change the run.
main() {
  cd "$(dirname "$0")/.."

  RUNS=${FUZZ_RUNS:-}
  SECONDS_PER_TARGET=${1:-}
  shift || true
  if [ -z "$SECONDS_PER_TARGET" ]; then
    # libFuzzer reads -max_total_time=0 as no limit.
    if [ -n "$RUNS" ]; then SECONDS_PER_TARGET=0; else SECONDS_PER_TARGET=60; fi
  fi
  LIMITS=(-max_total_time="$SECONDS_PER_TARGET")
  [ -n "$RUNS" ] && LIMITS+=(-runs="$RUNS")
  ALL_TARGETS=(quantity python-parser python-scanner yaml-scanner config)
  TARGETS=("$@")
  [ ${#TARGETS[@]} -gt 0 ] || TARGETS=("${ALL_TARGETS[@]}")
  SWIFT=${SWIFT:-swift}
  CONFIG=${FUZZ_CONFIGURATION:-release}
  OUT=.fuzz
  if [ "${FUZZ_ASAN:-1}" = 0 ]; then
    SCRATCH=.build-fuzz-noasan
    BINARIES="$OUT/bin/$CONFIG-noasan"
    SANITIZE=(-sanitize=fuzzer)
    FLAVOUR="$CONFIG build, coverage only"
  else
    SCRATCH=.build-fuzz
    BINARIES="$OUT/bin/$CONFIG"
    SANITIZE=(-sanitize=fuzzer,address)
    FLAVOUR="$CONFIG build, ASan"
  fi
  if [ "${FUZZ_REPLAY:-0}" = 1 ]; then LIMITS=(-runs=0); fi

  # 1. The library modules, instrumented. Workspace depends on every module a target imports.
  mkdir -p "$SCRATCH"
  if ! "$SWIFT" build --scratch-path "$SCRATCH" -c "$CONFIG" --target Workspace \
    -Xswiftc "${SANITIZE[@]}" > "$SCRATCH/build.log" 2>&1; then
    cat "$SCRATCH/build.log" >&2
    echo "fuzz: library build failed" >&2
    exit 2
  fi
  tail -1 "$SCRATCH/build.log"
  BUILD="$SCRATCH/$CONFIG"
  OBJECTS=()
  for module in ResourceModel SourceText PCRE2 LibYAML PythonScanner YAMLScanner Rules FileIO \
    Linting Workspace; do
    OBJECTS+=("$BUILD/$module.build"/*.o)
  done

  # 2. One binary per target, relinked when its source or a library object is newer.
  mkdir -p "$BINARIES"
  for target in "${TARGETS[@]}"; do
    source="Fuzz/Targets/$target.swift"
    binary="$BINARIES/$target"
    [ -f "$source" ] || { echo "fuzz: no target $target" >&2; exit 2; }
    if [ ! -x "$binary" ] || [ -n "$(find "$source" "${OBJECTS[@]}" -newer "$binary" | head -1)" ]
    then
      rm -f "$binary"
      "$SWIFT"c "${SANITIZE[@]}" -parse-as-library -O -module-name "fuzz_${target//-/_}" \
        -I "$BUILD/Modules" -Xcc -fmodule-map-file=Sources/CYAML/module.modulemap \
        -Xcc -fmodule-map-file=Sources/CPCRE2/module.modulemap \
        "$source" "${OBJECTS[@]}" -lyaml -lpcre2-8 -o "$binary" 2>&1 \
        | grep -v "Cannot export local symbol" || true
      [ -x "$binary" ] || { echo "fuzz: linking $target failed" >&2; exit 2; }
    fi
  done

  # 3. Seeds, copied from the fixtures by type (regenerated each run; cheap).
  seed() { # seed TARGET FILE...
    local dir="$OUT/seeds/$1"
    shift
    mkdir -p "$dir"
    for file in "$@"; do cp "$file" "$dir/$(echo "$file" | tr '/' '_')"; done
  }
  rm -rf "$OUT/seeds"
  mapfile -t PY < <(find Fixtures -name '*.py' -type f | sort)
  mapfile -t YAML < <(find Fixtures -type f \( -name '*.yaml' -o -name '*.yml' \) | sort)
  mapfile -t REGRESSIONS < <(find Fixtures/fuzz-regressions -type f 2>/dev/null | sort)
  seed python-parser "${PY[@]}"
  seed python-scanner "${PY[@]}"
  seed yaml-scanner "${YAML[@]}"
  seed config Fuzz/seeds/config/* Fixtures/cli/config/.resourcelint.yml "${YAML[@]}"
  mkdir -p "$OUT/seeds/quantity"
  # One file per input of the reference vectors (the JSON string's quotes dropped).
  awk -F'\t' -v dir="$OUT/seeds/quantity" \
    'NR > 1 && $1 ~ /^"/ {
      f = dir "/v" NR; printf "%s", substr($1, 2, length($1) - 2) > f; close(f) }' \
    Fixtures/quantity/quantity-vectors.tsv
  for file in "${REGRESSIONS[@]}"; do
    target=$(basename "$(dirname "$file")")
    [ -d "$OUT/seeds/$target" ] && cp "$file" "$OUT/seeds/$target/regression_$(basename "$file")"
  done

  # 4. Run. New inputs go to .fuzz/corpus/TARGET (kept between runs), reproducers to
  # .fuzz/artifacts/TARGET/. -timeout turns a hang into a finding.
  status=0
  SUMMARY=()
  for target in "${TARGETS[@]}"; do
    corpus="$OUT/corpus/$target"
    artifacts="$OUT/artifacts/$target"
    log="$OUT/logs/$target.log"
    mkdir -p "$corpus" "$artifacts" "$OUT/logs"
    dict=()
    # Short inputs run fastest and still reach everything; the quantity parser needs few bytes.
    case $target in
      quantity) max_len=256 ;;
      yaml-scanner) max_len=16384 ;;
      *) max_len=8192 ;;
    esac
    [ -f "Fuzz/dictionaries/$target.dict" ] && dict=(-dict="Fuzz/dictionaries/$target.dict")
    if [ "${FUZZ_REPLAY:-0}" = 1 ]; then
      echo "fuzz: $target, replaying its corpus ($FLAVOUR)"
    elif [ -n "$RUNS" ]; then
      echo "fuzz: $target for $RUNS executions (time limit ${SECONDS_PER_TARGET}s, 0: none)"
    else
      echo "fuzz: $target for ${SECONDS_PER_TARGET}s"
    fi
    started=$(date +%s%N)
    set +e
    ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0} "$BINARIES/$target" \
      "$corpus" "$OUT/seeds/$target" \
      "${LIMITS[@]}" -timeout=10 -rss_limit_mb=2048 -max_len="$max_len" \
      -print_final_stats=1 -artifact_prefix="$artifacts/" "${dict[@]}" > "$log" 2>&1
    rc=$?
    set -e
    elapsed=$((($(date +%s%N) - started) / 1000000000))
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
    rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
    if [ $rc -ne 0 ]; then
      status=1
      SUMMARY+=("$target: FAILED (exit $rc, log $log): $(ls -t "$artifacts" | head -1)")
      grep -m3 -E 'ERROR|Fatal error|invariant' "$log" || tail -5 "$log"
    else
      files=$(find "$corpus" -type f | wc -l)
      line="$target: ${runs:-?} executions in ${elapsed} s (${rate:-?} exec/s, $FLAVOUR)"
      SUMMARY+=("$line, corpus $files files")
    fi
  done
  printf '%s\n' "${SUMMARY[@]}"
  exit $status
}

main "$@"
