"""Run a file the way a reader does, and cache the results of build-time runs for authors.

Shared by the MkDocs hook (which runs every executed block) and by the tests (which run every
snippet), so that the page and the tests see exactly the same run.
"""

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from build_environment import package_versions

REPO = Path(__file__).resolve().parent.parent
SNIPPETS = REPO / "snippets"
SCRIPTS = REPO / "scripts"
# Helpers a run leaves (multiprocessing's resource tracker, say) end on their own within this.
GRACE_SECONDS = 5
# Variables of the author's shell that would make a run differ from a reader's.
_READER_UNSET = ("KERAS_BACKEND", "MKDOCS_CONFIG_DIR", "PYTHONPATH")


def reader_environment() -> dict[str, str]:
    env = {name: value for name, value in os.environ.items() if name not in _READER_UNSET}
    env["PYTHONUNBUFFERED"] = "1"
    return env


class LeftoverProcesses(RuntimeError):
    """A run ended but processes it started were still running (they have been killed)."""


def run_as_reader(path: Path, timeout: float) -> subprocess.CompletedProcess:
    """`python <file>.py` in a fresh interpreter, from an empty temporary directory.

    Generators in scripts/ read the repository, so they run in place instead. The run gets a
    process group of its own, so that nothing it starts outlives it.
    Raises subprocess.TimeoutExpired when the run takes longer than `timeout` seconds, and
    LeftoverProcesses when it ends while processes it started still run; either way, every
    process of the run is killed first.
    """
    with tempfile.TemporaryDirectory(prefix="rosetta-run-") as workdir:
        if path.is_relative_to(SCRIPTS):
            command, cwd = [sys.executable, str(path)], REPO
        else:
            shutil.copy(path, workdir)
            command, cwd = [sys.executable, path.name], workdir
        process = subprocess.Popen(
            command, cwd=cwd, env=reader_environment(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            text=True, start_new_session=True,
        )
        # Both streams are read by threads; a generator's stderr is its progress, echoed as it comes.
        stdout_lines: list[str] = []
        stderr_lines: list[str] = []
        readers = [
            threading.Thread(target=_collect, args=(process.stdout, stdout_lines, False)),
            threading.Thread(target=_collect, args=(process.stderr, stderr_lines, path.is_relative_to(SCRIPTS))),
        ]
        for reader in readers:
            reader.start()
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            kill_process_group(process.pid)
            process.wait()
            raise
        finally:
            # Processes the run left behind may hold its output open: end them before reading to the end.
            left_behind = not group_ends(process.pid, grace=GRACE_SECONDS) and kill_process_group(process.pid)
            for reader in readers:
                reader.join()
        if left_behind:
            raise LeftoverProcesses(f"{path.name} exited but left processes running; they were killed")
        stdout, stderr = "".join(stdout_lines), "".join(stderr_lines)
        return subprocess.CompletedProcess(command, process.returncode, stdout, stderr)


def _collect(stream, lines: list[str], echo: bool) -> None:
    for line in stream:
        lines.append(line)
        if echo:
            print(f"    {line}", end="", file=sys.stderr, flush=True)


def group_ends(group: int, grace: float) -> bool:
    """Wait up to `grace` seconds for the processes of `group` to end; say whether they did."""
    deadline = time.monotonic() + grace
    while time.monotonic() < deadline:
        try:
            os.killpg(group, 0)  # signal 0: only asks whether any process is left
        except ProcessLookupError:
            return True
        time.sleep(0.05)
    return False


def kill_process_group(group: int) -> bool:
    """Kill every process left in `group`; say whether there was any."""
    try:
        os.killpg(group, signal.SIGKILL)
    except ProcessLookupError:
        return False
    return True


def executable_files() -> list[Path]:
    """Every file a page may execute: the snippets, and the generators in scripts/."""
    return sorted(SNIPPETS.rglob("*.py")) + sorted(SCRIPTS.glob("gen_*.py"))


def tree_digest(*folders: Path) -> str:
    """A digest of every Python file under the folders: generators may read any of them."""
    digest = hashlib.sha256()
    for folder in folders:
        for path in sorted(folder.rglob("*.py")):
            digest.update(str(path.relative_to(REPO)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


class BlockCache:
    """Outputs of executed blocks, addressed by what determines them.

    The key is the block's source after includes, its options, and the installed versions of
    the frameworks; a generator's key also covers snippets/ and scripts/, which it may read.
    """

    def __init__(self, directory: Path):
        self.directory = directory
        self._versions = package_versions()

    def key(self, path: Path, code: str, options: dict) -> str:
        material = {"code": code, "options": options, "versions": self._versions, "python": sys.version}
        if path.is_relative_to(SCRIPTS):
            material["tree"] = tree_digest(SNIPPETS, SCRIPTS)
        text = json.dumps(material, sort_keys=True, default=str)
        return hashlib.sha256(text.encode()).hexdigest()

    def get(self, key: str) -> str | None:
        entry = self.directory / f"{key}.json"
        return json.loads(entry.read_text(encoding="utf-8"))["stdout"] if entry.exists() else None

    def put(self, key: str, stdout: str) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        partial = self.directory / f"{key}.json.tmp"
        partial.write_text(json.dumps({"stdout": stdout}), encoding="utf-8")
        partial.replace(self.directory / f"{key}.json")  # never leave a half-written entry
