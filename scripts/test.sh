#!/usr/bin/env bash
# The project's one test command: a fresh virtual environment with the dev tools, then lint, types and tests.
# `.ci/run` runs exactly this on a clean checkout. pytest exits non-zero when it collects no tests.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e ".[dev]"
.venv/bin/ruff check src tests scripts benchmarks
.venv/bin/ruff format --check src tests scripts benchmarks
.venv/bin/mypy
.venv/bin/python -m pytest -q "$@"
