"""A copy of the project to build or serve in a benchmark: its pages, snippets, scripts and configuration,
so that the benchmark's cache and outputs never touch the author's."""

import shutil
from pathlib import Path

from rosetta.paths import REPO


def copy_project(target: Path) -> Path:
    for name in ("docs", "snippets", "scripts"):
        shutil.copytree(REPO / name, target / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(REPO / "mkdocs.yml", target)
    return target
