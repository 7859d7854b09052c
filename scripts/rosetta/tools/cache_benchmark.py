"""The author cache measured: a cold build, then a warm rebuild after a prose-only edit, in one process.

Both builds run in this process, as `make serve` rebuilds after an edit, on a copy of the
project with an empty cache.
"""

import os
import tempfile
import time
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

from rosetta.tools.project_copy import copy_project

EDITED_PAGE = Path("docs/first-model.md")


def timed_build(project: Path) -> float:
    started = time.perf_counter()
    build(load_config(str(project / "mkdocs.yml"), site_dir=str(project / "site")))
    return time.perf_counter() - started


def cold_and_warm(progress=print) -> tuple[float, float]:
    """Seconds of a cold build with an empty cache, and of a rebuild after a prose-only edit."""
    with tempfile.TemporaryDirectory(prefix="rosetta-bench-") as workdir:
        project = copy_project(Path(workdir))
        os.environ["ROSETTA_CACHE"] = str(project / ".cache" / "blocks")
        os.chdir(project)  # pymdownx.snippets resolves includes from the working directory

        progress("cold build (empty cache)...")
        cold = timed_build(project)
        page = project / EDITED_PAGE
        page.write_text(page.read_text() + "\nA sentence added by the cache benchmark.\n")
        progress(f"warm rebuild after a prose-only edit of {EDITED_PAGE}...")
        warm = timed_build(project)
    return cold, warm
