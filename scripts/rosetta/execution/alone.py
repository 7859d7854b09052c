"""Timings taken with the machine to oneself, for as long as the timing lasts and no longer.

A job that reports timings only needs the machine while it times: importing a framework,
building a model or exporting a file can share the cores. Such a job (a generator declaring
EXCLUSIVE = "while timing", or a notebook run) gets a folder from the build, named by
ROSETTA_ALONE in its environment and its children's. Around each timing, a process of the job
enters `machine_to_myself()`: it writes a request file there and waits. The scheduler's desk
(`Desk`) sees the request, stops every other running job (SIGSTOP to each of its processes),
writes the grant, and lets the others go on (SIGCONT) once the request file is gone. A job whose
processes must not be stopped (distributed runs, whose peers keep time) is waited for instead.
Outside a build, `machine_to_myself()` does nothing.
"""

import os
import signal
import time
from contextlib import contextmanager
from pathlib import Path

VARIABLE = "ROSETTA_ALONE"
POLL_SECONDS = 0.005


@contextmanager
def machine_to_myself():
    """Wait until the build has stopped every other job, time inside, then let them go on."""
    folder = os.environ.get(VARIABLE)
    if not folder:
        yield
        return
    request = Path(folder) / f"{os.getpid()}-{time.monotonic_ns()}.request"
    granted = request.with_suffix(".granted")
    request.write_text("")
    try:
        while not granted.exists():
            time.sleep(POLL_SECONDS)
        yield
    finally:
        request.unlink(missing_ok=True)
        granted.unlink(missing_ok=True)


def _children() -> dict[int, list[int]]:
    """Each running process's children, read from /proc."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", encoding="utf-8") as stat:
                parent = int(stat.read().rsplit(")", 1)[1].split()[1])  # the field after the state
        except (OSError, ValueError, IndexError):
            continue  # ended while being read
        children.setdefault(parent, []).append(int(entry.name))
    return children


def process_tree(root: int) -> list[int]:
    """`root` and every process descending from it (children started in sessions of their own included)."""
    children, tree = _children(), [root]
    for pid in tree:
        tree.extend(children.get(pid, []))
    return tree


def _signal_all(pids: list[int], signum: int) -> None:
    for pid in pids:
        try:
            os.kill(pid, signum)
        except ProcessLookupError:
            pass


class Desk:
    """The scheduler's side: who asked for the machine, who holds it, whom it stopped."""

    def __init__(self, root: Path):
        self.root = root
        self.holder: Path | None = None  # the granted request
        self.granted_at = 0.0
        self.stopped: list[int] = []

    def folder_for(self, index: int) -> Path:
        folder = self.root / str(index)
        folder.mkdir(parents=True, exist_ok=True)
        return folder

    def requests(self, folders: list[Path]) -> list[Path]:
        """Waiting requests, oldest first."""
        found = [path for folder in folders for path in folder.glob("*.request")]
        return sorted(found, key=lambda path: int(path.stem.split("-")[1]))

    def grant(self, request: Path, others: list[int]) -> None:
        """Stop the processes of the other jobs (the top process of each), then grant `request`."""
        for _ in range(2):  # the second pass stops what was started while the first was stopping
            found = [pid for root in others for pid in process_tree(root) if pid not in self.stopped]
            _signal_all(found, signal.SIGSTOP)
            self.stopped += found
        self.holder, self.granted_at = request, time.monotonic()
        request.with_suffix(".granted").write_text("")

    def released(self) -> float | None:
        """The seconds the holder had the machine, once it has let go (its request file is gone); the
        stopped jobs then go on. None while it still holds it."""
        if self.holder is None or self.holder.exists():
            return None
        return self.release()

    def release(self) -> float:
        _signal_all(self.stopped, signal.SIGCONT)
        self.holder, self.stopped = None, []
        return time.monotonic() - self.granted_at
