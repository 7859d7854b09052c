"""The test tiers, by folder: each test is marked with its tier, so `pytest -m unit` runs the first alone.

- unit: the engine's logic, on synthetic inputs (seconds; make test-fast)
- snippets: every snippet run as a reader runs it, one module per snippets/<topic>/
- build: small projects built for a test: errors, the author cache, determinism
- site: the full strict build, its pages, notebooks, quality gates and the browser
- project: the lock, the workflows, the Makefile
"""

import functools
import os
import subprocess
from pathlib import Path

import pytest

from rosetta import records
from rosetta.execution.alone import NEIGHBOURS_VARIABLE
from rosetta.execution.reader import run_as_reader
from rosetta.paths import REPO
from support import Build

TESTS = Path(__file__).resolve().parent
TIERS = ("unit", "snippets", "build", "site", "project")
SNIPPET_TIMEOUT = 600  # seconds; a snippet that hangs fails its test instead of the suite


SITE_BUILD = pytest.StashKey()  # the session's site build, started when collection ends


def pytest_collection_modifyitems(config, items):
    for item in items:
        tier = Path(item.path).resolve().relative_to(TESTS).parts[0]
        if tier not in TIERS:
            raise pytest.UsageError(f"{item.path}: a test belongs in one of the tier folders {', '.join(TIERS)}")
        item.add_marker(tier)
    items.sort(key=lambda item: "site_build" in item.fixturenames)  # the others run while the site builds


def pytest_collection_finish(session):
    """Start the site's build as soon as a selected test is known to need it, so that the tests that
    do not (they run first) share the machine with it. The build stops this session's processes with its
    own while it times (ROSETTA_NEIGHBOURS, rosetta.execution.alone): its timings are taken alone."""
    if session.config.option.collectonly or not any("site_build" in item.fixturenames for item in session.items):
        return
    factory = session.config._tmp_path_factory
    site_dir, records_dir = factory.mktemp("site"), factory.mktemp("records")
    build = Build(REPO, site_dir, **{records.FOLDER_VARIABLE: str(records_dir), NEIGHBOURS_VARIABLE: str(os.getpid())})
    session.config.stash[SITE_BUILD] = site_dir, build, records_dir


def pytest_sessionfinish(session):
    if SITE_BUILD in session.config.stash:
        session.config.stash[SITE_BUILD][1].stop()  # an interrupted session leaves no build behind


@pytest.fixture(scope="session")
def site_build(request):
    """The repository's site, built strictly and fresh, as `make build` does; its records are kept.

    Returns the site folder, the build's process, and the folder of its records: what each block
    and notebook printed (rosetta.records), which the snippet and site tiers check instead of
    running every snippet a second time. Started when collection ended (pytest_collection_finish).
    """
    site_dir, build, records_dir = request.config.stash[SITE_BUILD]
    return site_dir, build.wait(), records_dir


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
