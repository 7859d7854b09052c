"""The test tiers, by folder: each test is marked with its tier, so `pytest -m unit` runs the first alone.

- unit: the engine's logic, on synthetic inputs (seconds; make test-fast)
- snippets: every snippet run as a reader runs it, one module per snippets/<topic>/
- build: small projects built for a test: errors, the author cache, determinism
- site: the full strict build, its pages, notebooks, quality gates and the browser
- project: the lock, the workflows, the Makefile
"""

import functools
import subprocess
from pathlib import Path

import pytest

from rosetta import records
from rosetta.execution.reader import run_as_reader
from rosetta.paths import REPO
from support import mkdocs_build

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
def site_build(tmp_path_factory):
    """The repository's site, built strictly and fresh, as `make build` does; its records are kept.

    Returns the site folder, the build's process, and the folder of its records: what each block
    and notebook printed (rosetta.records), which the snippet and site tiers check instead of
    running every snippet a second time.
    """
    site_dir, records_dir = tmp_path_factory.mktemp("site"), tmp_path_factory.mktemp("records")
    return site_dir, mkdocs_build(REPO, site_dir, **{records.FOLDER_VARIABLE: str(records_dir)}), records_dir


@pytest.fixture(scope="session")
def snippet_output(site_build):
    """What a snippet prints: the build's record of its run, or (for a file the build did not run
    or whose run failed) a run now, `python file.py` in an empty folder, once per session."""
    _, _, records_dir = site_build
    run = functools.cache(lambda path: run_as_reader(path, timeout=SNIPPET_TIMEOUT))

    def output(path: Path) -> subprocess.CompletedProcess:
        recorded = records.load(path.relative_to(REPO).as_posix(), records_dir)
        return subprocess.CompletedProcess([path.name], 0, recorded, "") if recorded is not None else run(path)
    return output
