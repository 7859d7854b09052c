"""The test tiers, by folder: each test is marked with its tier, so `pytest -m unit` runs the first alone.

- unit: the engine's logic, on synthetic inputs (seconds; make test-fast)
- snippets: every snippet run as a reader runs it, one module per snippets/<topic>/
- build: small projects built for a test: errors, the author cache, determinism
- site: the full strict build, its pages, notebooks, quality gates and the browser
- project: the lock, the workflows, the Makefile
"""

import functools
from pathlib import Path

import pytest

from rosetta.execution.reader import run_as_reader

TESTS = Path(__file__).resolve().parent
TIERS = ("unit", "snippets", "build", "site", "project")
SNIPPET_TIMEOUT = 600  # seconds; a snippet that hangs fails its test instead of the suite


def pytest_collection_modifyitems(config, items):
    for item in items:
        tier = Path(item.path).resolve().relative_to(TESTS).parts[0]
        if tier not in TIERS:
            raise pytest.UsageError(f"{item.path}: a test belongs in one of the tier folders {', '.join(TIERS)}")
        item.add_marker(tier)


@pytest.fixture(scope="session")
def reader_runs():
    """`python file.py` for each snippet, run once per session and shared by the snippet and site tiers."""
    return functools.cache(lambda path: run_as_reader(path, timeout=SNIPPET_TIMEOUT))
