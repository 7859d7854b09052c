"""Shared fixtures: one strict build of the site per session, a local server, a browser."""

import functools
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))

from local_server import serve  # noqa: E402
from snippet_runner import reader_environment, run_as_reader  # noqa: E402

SNIPPET_TIMEOUT = 600  # seconds; a snippet that hangs fails its test instead of the suite


def mkdocs_build(project: Path, site_dir: Path, cache_dir: Path | None = None) -> subprocess.CompletedProcess:
    """A strict build of `project` as `make build` runs it (fresh unless a cache is given)."""
    env = reader_environment() | {"NO_MKDOCS_2_WARNING": "1"}
    env.pop("ROSETTA_CACHE", None)
    if cache_dir:
        env["ROSETTA_CACHE"] = str(cache_dir)
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project, env=env, capture_output=True, text=True, timeout=3600,
    )


@pytest.fixture(scope="session")
def reader_runs():
    """`python file.py` for each snippet, run once per session and shared by the tests."""
    return functools.cache(lambda path: run_as_reader(path, timeout=SNIPPET_TIMEOUT))


@pytest.fixture(scope="session")
def site_build(tmp_path_factory):
    """The repository's site, built strictly and fresh, as `make build` does."""
    site_dir = tmp_path_factory.mktemp("site")
    return site_dir, mkdocs_build(REPO, site_dir)


@pytest.fixture(scope="session")
def site(site_build):
    site_dir, build = site_build
    assert build.returncode == 0, f"strict build failed:\n{build.stderr[-5000:]}"
    return site_dir


@pytest.fixture(scope="session")
def site_url(site):
    """The built site served on 127.0.0.1 at a free port."""
    yield from serve(site)


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium (CHROMIUM overrides the path), driven by Playwright; never a downloaded one."""
    from playwright.sync_api import sync_playwright

    executable = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable,
            args=[
                "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-quic",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def project(tmp_path):
    """A project with the repository's configuration and hooks; tests add a page and snippets."""
    shutil.copytree(REPO / "scripts", tmp_path / "scripts", ignore=shutil.ignore_patterns("__pycache__"))
    (tmp_path / "docs").mkdir()
    (tmp_path / "snippets").mkdir()
    (tmp_path / "mkdocs.yml").write_text(
        f"INHERIT: {REPO / 'mkdocs.yml'}\n"
        "docs_dir: docs\n"
        "nav: [index.md]\n"
        f"hooks: [{tmp_path / 'scripts' / 'build_hooks.py'}]\n"
        "plugins: [search, markdown-exec]\n"
    )
    return tmp_path
