# resourcelint — the two commands a newcomer needs: `make lint` and `make test`.
SWIFT ?= swift
PATHS ?= Fixtures/examples
BIN := .build/debug/resourcelint

.PHONY: format format-check lint test test-lsp test-dist dist build deps readme-rules docs dumps oracle oracle-flyte2 bench fuzz clean

# Install the C libraries' headers when they are missing: with apt on Debian and Ubuntu
# (needs root or sudo), with Homebrew where apt is absent (macOS).
deps:
	@if command -v apt-get >/dev/null; then \
	  if [ ! -f /usr/include/yaml.h ] || [ ! -f /usr/include/pcre2.h ] || ! command -v pkg-config >/dev/null; then \
	    echo "Installing libyaml-dev libpcre2-dev pkg-config..."; \
	    SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	    $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq libyaml-dev libpcre2-dev pkg-config; \
	  fi; \
	elif command -v brew >/dev/null; then \
	  if ! pkg-config --exists yaml-0.1 libpcre2-8 2>/dev/null; then \
	    echo "Installing libyaml pcre2 pkg-config with Homebrew..."; brew install libyaml pcre2 pkg-config; \
	  fi; \
	elif ! pkg-config --exists yaml-0.1 libpcre2-8 2>/dev/null; then \
	  echo "make deps: install libyaml, libpcre2 (8-bit) and pkg-config with your package manager" >&2; exit 2; \
	fi

build: deps
	$(SWIFT) build --product resourcelint

# Lint the bundled example project (or PATHS=dir). Findings are the point of the demo,
# so a non-zero lint result does not fail the target; usage errors (exit 2) still do.
lint: build
	@$(BIN) check $(PATHS); status=$$?; if [ $$status -ge 2 ]; then exit $$status; fi

# swift-format over every Swift file, with the committed .swift-format.
FORMATTED := Package.swift Sources Rules Tests Fuzz
format:
	$(SWIFT) format -i -r $(FORMATTED)

format-check:
	$(SWIFT) format lint --strict -r $(FORMATTED)

# The unit tests, then the language server driven by a real LSP client (make test-lsp).
test: deps
	$(SWIFT) build
	$(SWIFT) test
	@$(MAKE) --no-print-directory test-lsp

# `resourcelint server` under pytest-lsp (Tests/lsp/test_server.py), as VS Code and as Neovim
# would drive it. The client and its pins come from PyPI into .venv-lsp/ once.
LSP_VENV := .venv-lsp
LSP_TOOLS := pytest==9.2.0 pytest-lsp==1.0.1 pygls==2.1.1 lsprotocol==2025.0.0 pytest-asyncio==1.5.0
test-lsp: deps
	$(SWIFT) build --product resourcelint
	@if [ "$$(cat $(LSP_VENV)/.tools 2>/dev/null)" != "$(LSP_TOOLS)" ]; then \
	  rm -rf $(LSP_VENV) && python3 -m venv $(LSP_VENV) && \
	  $(LSP_VENV)/bin/pip install --quiet --disable-pip-version-check $(LSP_TOOLS) && \
	  echo "$(LSP_TOOLS)" > $(LSP_VENV)/.tools; fi
	$(LSP_VENV)/bin/python -m pytest -q -p no:cacheprovider Tests/lsp

# The self-contained release under dist/: a tarball (binary, LICENSE, README) with its
# .sha256 and a manylinux wheel holding the same binary (scripts/dist/build.sh says how).
dist: deps
	@SWIFT=$(SWIFT) bash scripts/dist/build.sh

# The release as a user meets it (Tests/dist/test_dist.py): the tarball and its checksum, ldd,
# the wheel's RECORD and auditwheel, a fresh venv installing the wheel with no index and no
# Swift on PATH, and the `language: python` pre-commit hook with the real client. The tools
# come from PyPI into .venv-dist/ once.
DIST_VENV := .venv-dist
DIST_TOOLS := pytest==9.2.0 auditwheel==6.8.2 pre-commit==4.7.0
test-dist: dist
	$(SWIFT) build --product resourcelint
	@if [ "$$(cat $(DIST_VENV)/.tools 2>/dev/null)" != "$(DIST_TOOLS)" ]; then \
	  rm -rf $(DIST_VENV) && python3 -m venv $(DIST_VENV) && \
	  $(DIST_VENV)/bin/pip install --quiet --disable-pip-version-check $(DIST_TOOLS) && \
	  echo "$(DIST_TOOLS)" > $(DIST_VENV)/.tools; fi
	$(DIST_VENV)/bin/python -m pytest -q -p no:cacheprovider Tests/dist

# Regenerate the README's rules table from the rule files.
readme-rules: build
	@$(BIN) rules --format markdown > .rules.md
	@awk 'BEGIN{skip=0} /<!-- rules:start -->/{print; while((getline line < ".rules.md")>0) print line; skip=1; next} /<!-- rules:end -->/{skip=0} !skip{print}' README.md > README.md.new && mv README.md.new README.md && rm -f .rules.md

# Regenerate docs/rules.md, every rule's documentation with its anchor, from the rule files
# (a test keeps it current). Written to a temporary file first, so a failed run leaves it intact.
docs: build
	@mkdir -p docs
	@$(BIN) rules --format docs > docs/rules.md.new || { rm -f docs/rules.md.new; exit 1; }
	@mv docs/rules.md.new docs/rules.md

# Regenerate the scanner fixtures' expected dumps (review the diff before committing).
dumps: build
	@for f in $$(find Fixtures/scanner -name '*.py' -o -name '*.yaml' -o -name '*.yml' | sort) \
	          $$(find Fixtures -name '*.dump.json' | sed 's/\.dump\.json$$//' | sort); do \
	  $(BIN) dump --format json $$f > $$f.dump.json 2>/dev/null || true; done

# Prove the Python scanner against real flytekit 1.16.31 (needs PyPI once, for .venv-oracle/):
# rewrites Fixtures/oracle/oracle-results.json and fails on any disagreement.
oracle: build
	@bash scripts/oracle/setup.sh
	@.venv-oracle/bin/python scripts/oracle/generate.py
	@.venv-oracle/bin/python scripts/oracle/oracle.py --resourcelint $(BIN)

# Prove the Python scanner's Flyte 2 reading against the real flyte 2.12.1 SDK (needs PyPI once,
# for .venv-oracle-flyte2/): checks the oracle's own comparison first (--self-test), regenerates
# Fixtures/oracle-flyte2/generated/, rewrites Fixtures/oracle-flyte2/oracle-results.json and
# fails on any disagreement. See scripts/oracle-flyte2/README.md.
oracle-flyte2: build
	@bash scripts/oracle-flyte2/setup.sh
	@.venv-oracle-flyte2/bin/python scripts/oracle-flyte2/oracle.py --self-test
	@.venv-oracle-flyte2/bin/python scripts/oracle-flyte2/generate.py
	@.venv-oracle-flyte2/bin/python scripts/oracle-flyte2/oracle.py --resourcelint $(BIN)

# Time a release build against rg, a bare libyaml pass, ruff and yamllint on generated trees
# (2k/23k/100k-file monorepos, a dense 400,000-task module, a mention-heavy Python tree, a
# YAML-heavy tree; in .bench/, gitignored), 8,000 explicit paths against their directory and a
# 3-file start-up, and write the results and the goals met into BENCHMARKS.md.
# `make bench SIZES=medium` runs one tree (small medium large dense mentions yaml paths).
SIZES ?=
# The binary timed is the one `make dist` ships (the Swift runtime, libyaml and libpcre2 linked
# statically): a dynamically linked build spends milliseconds in the loader on every start.
DIST_BIN = .build-dist/resourcelint-$$(python3 scripts/dist/version.py)-$$(uname -m)-linux/resourcelint
bench: dist
	@BIN=$(DIST_BIN) bash scripts/bench/run.sh $(SIZES)

# Run each libFuzzer target (ASan, in .build-fuzz/ and .fuzz/, gitignored) for FUZZ_SECONDS (60
# when neither is given) or FUZZ_RUNS executions, and print its executions and exec/s;
# FUZZ_TARGETS picks some of: quantity python-parser python-scanner yaml-scanner config. A crash
# leaves a reproducer in .fuzz/artifacts/TARGET/ (see Fuzz/fuzz.sh). `make fuzz FUZZ_RUNS=1000000`
# runs each target to a million executions (Fuzz/COUNTS.md records such runs).
# FUZZ_CONFIGURATION=debug builds in ~15 s instead of ~2 min, at fewer executions per second.
# FUZZ_ASAN=0 fuzzes with coverage only (faster, for counted runs) and FUZZ_REPLAY=1 replays
# the corpora once: a counted run is followed by an ASan replay of what it kept.
FUZZ_SECONDS ?=
FUZZ_RUNS ?=
FUZZ_TARGETS ?=
FUZZ_CONFIGURATION ?= release
FUZZ_ASAN ?= 1
FUZZ_REPLAY ?= 0
fuzz: deps
	@FUZZ_CONFIGURATION=$(FUZZ_CONFIGURATION) FUZZ_RUNS=$(FUZZ_RUNS) FUZZ_ASAN=$(FUZZ_ASAN) \
	  FUZZ_REPLAY=$(FUZZ_REPLAY) bash Fuzz/fuzz.sh "$(FUZZ_SECONDS)" $(FUZZ_TARGETS)

clean:
	rm -rf .build
