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

A process outside the build may share the machine with it: the test session, which runs its other
tiers while its site build goes on. ROSETTA_NEIGHBOURS names such processes (pids, comma-separated);
the desk stops each with its descendants too (the build's own processes excepted), from the top
down, each seen stopped before its children are looked for, so that nothing it starts escapes, and
a process that was already stopped (by a desk of the neighbour's own) is left as it was.
"""

import os
import signal
import time
from contextlib import contextmanager
from pathlib import Path

VARIABLE = "ROSETTA_ALONE"
NEIGHBOURS_VARIABLE = "ROSETTA_NEIGHBOURS"
POLL_SECONDS = 0.005
STOP_WAIT_SECONDS = 1.0  # how long a neighbour's process is given to show it has stopped


class NeighboursError(ValueError):
    """ROSETTA_NEIGHBOURS is not a list of process ids."""


def neighbours_from_environment() -> list[int]:
    value = os.environ.get(NEIGHBOURS_VARIABLE, "")
    try:
        return [int(pid) for pid in value.split(",") if pid.strip()]
    except ValueError:
        raise NeighboursError(f"{NEIGHBOURS_VARIABLE} must be process ids separated by commas, got {value!r}") from None


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


STOPPED, ENDED = ("T", "t"), ("Z", "X", "")  # state letters: stopped (or traced); a zombie, dead, or gone


def _state(pid: int) -> str:
    """The process's state letter (T: stopped), or "" once it has gone."""
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return ""


def _stop_and_see_it_stopped(pid: int) -> bool:
    """SIGSTOP `pid` and wait until it shows stopped; False if it had gone."""
    try:
        os.kill(pid, signal.SIGSTOP)
    except ProcessLookupError:
        return False
    deadline = time.monotonic() + STOP_WAIT_SECONDS
    while _state(pid) not in STOPPED + ENDED and time.monotonic() < deadline:
        time.sleep(POLL_SECONDS / 5)
    return True


def stop_neighbours(roots: list[int], spared: set[int]) -> list[int]:
    """Stop each root and its descendants but `spared`, from the top down; the processes it stopped."""
    stopped, pending = [], list(roots)
    while pending:
        pid = pending.pop(0)
        state = _state(pid)
        if pid in spared or state in ENDED:
            continue  # a zombie cannot stop, nor start anything
        if state in STOPPED:
            pass  # already stopped by someone else: theirs to continue
        elif not _stop_and_see_it_stopped(pid):
            continue
        else:
            stopped.append(pid)
        pending += _children().get(pid, [])  # read once it is stopped: it can start no more
    return stopped


def _signal_all(pids: list[int], signum: int) -> None:
    for pid in pids:
        try:
            os.kill(pid, signum)
        except ProcessLookupError:
            pass


class Desk:
    """The scheduler's side: who asked for the machine, who holds it, whom it stopped."""

    def __init__(self, root: Path, neighbours: list[int] | None = None):
        self.root = root
        self.neighbours = neighbours or []  # processes outside the build that stop with its jobs
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
        if self.neighbours:
            self.stopped += stop_neighbours(self.neighbours, spared=set(process_tree(os.getpid())))
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
