"""One way to run a child process: its own process group, a timeout, nothing left behind, one-line errors.

Every block, generator, worker and notebook run of the build starts here. A child that fails is
reported in one line naming it, from the last line of its stderr, or "(no error output)" when
it died without a word. A worker reads its own arguments with worker_targets.
"""

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

# Helpers a run leaves (multiprocessing's resource tracker, say) end on their own within this.
GRACE_SECONDS = 5
NO_ERROR_OUTPUT = "(no error output)"


class LeftoverProcesses(RuntimeError):
    """A run ended but processes it started were still running (they have been killed)."""

    def __init__(self, name: str):
        super().__init__(f"{name} exited but left processes running; they were killed")


class ChildFailed(RuntimeError):
    """A child process failed; the message is one line that names it."""


class Finished(subprocess.CompletedProcess):
    """A finished run, with the processor time it used: its own and that of the children it waited for."""

    def __init__(self, args, returncode, stdout, stderr, cpu_seconds: float):
        super().__init__(args, returncode, stdout, stderr)
        self.cpu_seconds = cpu_seconds


def last_line(stderr: str) -> str:
    """The line that says why a child failed: the last of its stderr, or a placeholder when it said nothing."""
    return (stderr.strip().splitlines() or [NO_ERROR_OUTPUT])[-1]


def run(command: list[str], *, name: str, timeout: float, cwd=None, env=None, echo_stderr: bool = False,
        on_start=None) -> Finished:
    """Run `command` in a process group of its own and collect its output.

    Raises subprocess.TimeoutExpired when it takes longer than `timeout` seconds, and
    LeftoverProcesses when it ends while processes it started still run; either way, every
    process of the group is killed first. With `echo_stderr`, stderr (a generator's progress)
    is echoed as it comes. `on_start(group)` is told the child's process group as soon as it
    exists (the build's scheduler kills the groups still running when a build is stopped).
    """
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, start_new_session=True)
    if on_start:
        on_start(process.pid)
    stdout_lines: list[str] = []
    stderr_lines: list[str] = []
    readers = [threading.Thread(target=_collect, args=(process.stdout, stdout_lines, False)),
               threading.Thread(target=_collect, args=(process.stderr, stderr_lines, echo_stderr))]
    for reader in readers:
        reader.start()
    try:
        cpu_seconds = _wait(process, timeout)
    except subprocess.TimeoutExpired:
        kill_process_group(process.pid)
        process.wait()
        raise
    finally:
        # Processes the run left behind may hold its output open: end them before reading to the end.
        left_behind = kill_leftovers(process.pid)
        for reader in readers:
            reader.join()
    if left_behind:
        raise LeftoverProcesses(name)
    return Finished(command, process.returncode, "".join(stdout_lines), "".join(stderr_lines), cpu_seconds)


def _wait(process: subprocess.Popen, timeout: float) -> float:
    """Wait for `process` to exit, up to `timeout` seconds; return the processor seconds it used (user and
    system, its waited-for children included), which only reaping it with wait4 can tell."""
    deadline = time.monotonic() + timeout
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            process.returncode = os.waitstatus_to_exitcode(status)
            return usage.ru_utime + usage.ru_stime
        if time.monotonic() > deadline:
            raise subprocess.TimeoutExpired(process.args, timeout)
        time.sleep(0.02)


def run_checked(command: list[str], *, name: str, timeout: float, **options) -> subprocess.CompletedProcess:
    """`run`, with every way of failing turned into ChildFailed and one line naming `name`."""
    try:
        done = run(command, name=name, timeout=timeout, **options)
    except subprocess.TimeoutExpired:
        raise ChildFailed(f"{name} did not finish within {timeout:.0f} s") from None
    except LeftoverProcesses as leftover:
        raise ChildFailed(str(leftover)) from None
    if done.returncode != 0:
        raise ChildFailed(f"{name} exited with status {done.returncode}: {last_line(done.stderr)}")
    return done


def run_worker(script, arguments: list[str], *, name: str, timeout: float, env=None) -> str:
    """Run a worker of scripts/workers/ with this interpreter; its result is the last line it prints."""
    done = run_checked([sys.executable, str(script), *arguments], name=name, timeout=timeout, env=env)
    lines = done.stdout.strip().splitlines()
    if not lines:
        raise ChildFailed(f"{name} printed no result")
    return lines[-1]


def worker_targets(argv: list[str], table: dict, kind: str) -> tuple[list[str], Path]:
    """A worker's own arguments, KIND[,KIND...] WORKDIR, each KIND a key of `table`: the slugs and the folder.
    Anything else stops the worker in one line naming it and the culprit, before it does any work."""
    program = os.path.basename(argv[0])
    if len(argv) != 3:
        sys.exit(f"{program}: give {kind.upper()}[,{kind.upper()}...] and WORKDIR")
    slugs = argv[1].split(",")
    unknown = [slug for slug in slugs if slug not in table]
    if unknown:
        sys.exit(f"{program}: unknown {kind} {unknown[0]!r}; choose from {', '.join(table)}")
    return slugs, Path(argv[2])


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


def kill_leftovers(group: int) -> bool:
    """Once a run's top process has ended: give what it left in `group` GRACE_SECONDS to end, then kill
    it; say whether anything had to be killed."""
    return not group_ends(group, grace=GRACE_SECONDS) and kill_process_group(group)


def descendants(pid: int) -> list[int]:
    """Every process below `pid`, read from /proc (Linux), children before their own children: the
    blocks a build started in sessions of their own are still its descendants."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue  # ended while the list was read
        children.setdefault(parent, []).append(int(stat.parent.name))
    found, waiting = [], [pid]
    while waiting:
        for child in children.get(waiting.pop(0), []):
            found.append(child)
            waiting.append(child)
    return found


def kill_all(pids: list[int]) -> None:
    """SIGKILL each process still there (a stopped one too)."""
    for pid in pids:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def kill_process_group(group: int) -> bool:
    """Kill every process left in `group`; say whether there was any."""
    try:
        os.killpg(group, signal.SIGKILL)
    except ProcessLookupError:
        return False
    return True


def run_main(main, program: str) -> None:
    """A generator's or tool's entry point: a child that failed stops it with one line naming both."""
    try:
        main()
    except ChildFailed as failure:
        sys.exit(f"{os.path.basename(program)}: {failure}")
