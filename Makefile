# DL Rosetta. `make serve` to write pages, `make test` to check everything.
# Both create .venv from requirements.lock first when it is missing or older than the lock.

PYTHON ?= $(shell command -v python3.11 || command -v python3 || echo python3.11)
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed-from-lock
ENGINE := $(VENV)/.installed-engine
NODE_INSTALLED := node_modules/.installed-from-lock
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test test-fast bench bench-cache bench-serve bench-ci bench-lighthouse lock clean

serve: $(ENGINE) $(NODE_INSTALLED)  ## Serve the site on 127.0.0.1:8000 at once; blocks not cached yet run in the background, pages fill in
	ROSETTA_CACHE=.cache/blocks ROSETTA_SERVE=1 $(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000 --livereload

build: $(ENGINE) $(NODE_INSTALLED)  ## Strict build into site/, every block run fresh
	$(BIN)/mkdocs build --strict --site-dir site

test: $(ENGINE) $(NODE_INSTALLED)  ## The whole test suite, every tier (includes a strict build and the browser)
	$(BIN)/python -m pytest

test-fast: $(ENGINE) $(NODE_INSTALLED)  ## The unit tier only: the engine's logic, in well under a minute
	$(BIN)/python -m pytest -m unit

bench: $(ENGINE)  ## The timing suite of the Benchmarks page: make bench ARGS="--output mine.json [--compare site.json]"
	$(BIN)/python scripts/bench.py $(or $(ARGS),--output benchmarks.json)

bench-cache: $(ENGINE) $(NODE_INSTALLED)  ## Cold build vs warm rebuild after a prose-only edit (target: warm at most 5% of cold)
	$(BIN)/python scripts/bench_cache.py

bench-serve: $(ENGINE) $(NODE_INSTALLED)  ## A newcomer's first make serve: time to the first page, and to every page complete
	$(BIN)/python scripts/bench_serve.py $(ARGS)

bench-ci: $(ENGINE)  ## CI timed on a fresh clone of HEAD: the environment, then CI=true bash .ci/run (budget 12 minutes for both)
	$(BIN)/python scripts/bench_ci.py $(ARGS)

bench-lighthouse: $(ENGINE) $(NODE_INSTALLED)  ## Lighthouse performance and accessibility of every page of site/ (make build first)
	$(BIN)/python scripts/bench_lighthouse.py site $(ARGS)

lock:  ## Regenerate requirements.lock from pyproject.toml
	$(PYTHON) scripts/lock.py

$(INSTALLED): requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' 2>/dev/null || \
		{ echo "make: Python 3.11 is needed, but '$(PYTHON)' is missing or another version; run make PYTHON=/path/to/python3.11" >&2; exit 1; }
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	@echo "Installing the locked environment into $(VENV) (about a minute on a fresh machine)..."
	$(BIN)/python -m pip install --quiet --no-deps "$$(grep -m1 '^uv==' requirements.lock)"
	$(BIN)/python scripts/install_lock.py $(VENV)
	$(BIN)/python -m pip check
	touch $@

# The build engine (scripts/rosetta/) in editable mode: edits take effect at once, and only the
# package itself is importable. From the venv's own setuptools: nothing is downloaded.
$(ENGINE): $(INSTALLED) pyproject.toml
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation --editable .
	touch $@

# onnxruntime-node's install script would fetch extra (GPU) binaries from nuget.org: its CPU binaries are in
# the package itself, which is all the build uses (ONNXRUNTIME_NODE_INSTALL=skip).
$(NODE_INSTALLED): package-lock.json
	ONNXRUNTIME_NODE_INSTALL=skip npm ci --no-audit --no-fund
	touch $@

clean:
	rm -rf site .cache
