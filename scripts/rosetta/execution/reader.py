"""Run a file the way a reader does: `python file.py` in a fresh interpreter.

Shared by the build (which runs every executed block) and by the tests (which run every
snippet), so that the page and the tests see exactly the same run.
"""

import os
import shutil
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

from rosetta import processes
from rosetta.paths import PROJECT_VARIABLE, Project

# Variables of the author's shell that would make a run differ from a reader's.
_READER_UNSET = ("KERAS_BACKEND", "MKDOCS_CONFIG_DIR", "PYTHONPATH", PROJECT_VARIABLE)


def reader_environment() -> dict[str, str]:
    env = {name: value for name, value in os.environ.items() if name not in _READER_UNSET}
    env["PYTHONUNBUFFERED"] = "1"
    return env


@contextmanager
def reader_folder(path: Path):
    """An empty temporary folder holding a copy of `path`: where a reader's run starts; yields the copy."""
    with tempfile.TemporaryDirectory(prefix="rosetta-run-") as workdir:
        yield Path(shutil.copy(path, workdir))


def run_as_reader(path: Path, timeout: float, on_start=None) -> subprocess.CompletedProcess:
    """`python <file>.py` from an empty temporary directory, in a process group of its own.

    Raises subprocess.TimeoutExpired or processes.LeftoverProcesses (see processes.run).
    """
    with reader_folder(path) as copy:
        return processes.run([sys.executable, path.name], name=path.name, timeout=timeout, cwd=copy.parent,
                             env=reader_environment(), on_start=on_start)


def run_generator(path: Path, project: Project, timeout: float, on_start=None, env=None) -> subprocess.CompletedProcess:
    """A page generator reads the project, so it runs in place, told which project it is (and `env`);
    its stderr is its progress, echoed as it comes."""
    return processes.run([sys.executable, str(path)], name=path.name, timeout=timeout, cwd=project.root,
                         env=reader_environment() | {PROJECT_VARIABLE: str(project.root)} | (env or {}), echo_stderr=True,
                         on_start=on_start)
