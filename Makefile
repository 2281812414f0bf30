# cancelkit: every target installs what it needs from uv.lock first.
SHELL := /bin/bash
PYTHON ?= python3
export UV_PYTHON_DOWNLOADS := never

# Use the uv on PATH if it is the pinned one, else bootstrap the pinned one (hash-checked) into .tools/.
UV_VERSION := 0.13.8
UV := $(shell uv --version 2>/dev/null | grep -q "uv $(UV_VERSION)" && command -v uv || echo .tools/bin/uv)
RUN := $(UV) run --frozen --no-sync
LINTED := overlays generator tests examples benchmarks
# Every venue spec and every generated package, found on disk: adding a venue adds them here too.
SPECS := $(wildcard openapi/*.yaml)
GENERATED_PACKAGES := $(wildcard generated/*/cancelkit_*)

.PHONY: install generate check-generated lint typecheck test test-py312 demo publish publish-preflight index bench

.tools/bin/uv:
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet --require-hashes -r generator/uv-requirements.txt

install: $(UV)
	$(UV) sync --frozen

## generate: compile openapi/ into generated/, pin the new versions and refresh the lock
generate: install
	$(RUN) python generator/generate.py
	$(UV) lock
	$(UV) sync --frozen

## check-generated: fail, naming the stale files, when generated/ is not what openapi/ compiles to
check-generated: install
	$(RUN) python generator/generate.py --check

lint: install
	$(RUN) ruff check $(LINTED)
	$(RUN) ruff format --check $(LINTED)
	$(RUN) openapi-spec-validator $(SPECS)

typecheck: install
	$(RUN) mypy --strict overlays/cancelkit generator examples benchmarks
	$(RUN) mypy $(GENERATED_PACKAGES)

## test: what CI runs. The suite runs once with every logger at DEBUG, and fails if a secret or signature shows;
## then again on Python 3.12, whose asyncio differs (wait_for, timeouts) from 3.11's.
test: check-generated lint typecheck
	$(RUN) pytest --audit-secrets
	$(MAKE) test-py312

## test-py312: the suite on Python 3.12, in its own environment (.venv-3.12) from the same uv.lock. The interpreter:
## pyenv's 3.12 where pyenv has one (its shim answers only for the selected version), else python3.12 on PATH.
PYTHON312 ?= $(or $(lastword $(sort $(wildcard $(shell pyenv root 2>/dev/null)/versions/3.12*/bin/python3.12))),python3.12)
test-py312: $(UV)
	UV_PROJECT_ENVIRONMENT=.venv-3.12 $(UV) sync --frozen --python $(PYTHON312)
	UV_PROJECT_ENVIRONMENT=.venv-3.12 $(RUN) --python $(PYTHON312) pytest -q

## demo: the facade against the local simulator over real HTTP, sync and async
demo: install
	$(RUN) python examples/demo.py

## publish: the main job: check the index first (seconds), then regenerate, check, build every package, upload, and
## prove the index installs a working cancelkit. PYPI_URL (+ TWINE_USERNAME/TWINE_PASSWORD) names the index; unset,
## the embedded pypiserver (PYPI_STATE, .pypi/) is used, and `make index` serves it afterwards.
PYPI_STATE ?= .pypi
INDEX_PORT ?= 8765
publish: publish-preflight
	$(MAKE) --no-print-directory generate lint typecheck
	FUZZ_EXAMPLES=1000 $(RUN) pytest -q -m "not publish"  # CI ran the long variants; publishing checks quickly
	UV=$(UV) $(RUN) python generator/publish.py --state $(PYPI_STATE) --port $(INDEX_PORT)

## publish-preflight: the index answers and takes the credentials, in seconds, before anything is generated or built
publish-preflight: $(UV)
	@$(UV) run --frozen --quiet python generator/publish.py preflight --state $(PYPI_STATE)

## index: serve the embedded index (PYPI_STATE, .pypi/) on 127.0.0.1:INDEX_PORT until Ctrl-C; its first line is its URL
index: $(UV)
	@$(UV) run --frozen --quiet python generator/publish.py index --state $(PYPI_STATE) --port $(INDEX_PORT)

## bench: the CPU of a cancel beside the raw-socket floor, bare httpx and aiohttp, a fan-out of 300, and import times in a
## clean install; prints a table and writes BENCHMARKS.md
bench: install
	$(RUN) python benchmarks/bench.py
