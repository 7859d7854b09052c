"""Every block and notebook of a build, run before its page needs it, on all cores, each once.

The build reads from its pages which files they execute (rosetta.site.plan) and hands them to
this scheduler, which runs them in a pool of ROSETTA_JOBS workers (the machine's cores by
default): each is still `python file.py` in a fresh interpreter from an empty folder. Work that
reports a timing runs alone, with no other job running, so that parallelism never pollutes a
number on the site: either the whole job (`exclusive`), or each of its timings, during which
every other job is stopped (`alone_while_timing`, rosetta.execution.alone); a job that reads other jobs' results starts after them, and does not run if
one of them failed. A page waits only for its own blocks.
"""

import os
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from rosetta import processes, records, threads
from rosetta.execution import alone
from rosetta.execution.cache import BlockCache

JOBS_VARIABLE = "ROSETTA_JOBS"


class JobsError(ValueError):
    """ROSETTA_JOBS is not a whole number of at least 1."""


def workers_from_environment() -> int:
    value = os.environ.get(JOBS_VARIABLE)
    if value is None or value == "":
        return os.cpu_count() or 1
    if not value.strip().isdigit() or int(value) < 1:
        raise JobsError(f"{JOBS_VARIABLE} must be a whole number of at least 1 (parallel jobs), got {value!r}")
    return int(value)


@dataclass
class Outcome:
    stdout: str = ""
    stderr: str = ""
    returncode: int = 0
    error: str = ""  # why it did not finish (timeout, leftovers, a failed dependency); empty if it did
    seconds: float = 0.0
    cpu_seconds: float = 0.0  # processor time of its processes: what it costs the machine when it shares it
    cached: bool = False
    pending: bool = False  # not run yet: make serve's background build runs it

    @property
    def succeeded(self) -> bool:
        return not self.error and self.returncode == 0 and not self.pending


@dataclass
class Job:
    name: str  # how logs and records name it: a project-relative path
    run: Callable  # run(on_start, env) -> subprocess.CompletedProcess; env: variables to add to the child's
    cache_inputs: Callable | None = None  # () -> digest of what else determines the output; None: not cached
    cache_code: str = ""
    exclusive: bool = False  # it reports timings: nothing else runs beside it
    alone_while_timing: bool = False  # it reports timings and asks for the machine around each (rosetta.execution.alone)
    stoppable: bool = True  # whether its processes may be stopped while another job times (not distributed runs)
    waits_for: list[str] = field(default_factory=list)
    heavy: bool = False  # likely long (a generator): started early, so that the last minutes keep both cores busy
    outcome: Outcome | None = None
    done: threading.Event = field(default_factory=threading.Event)


class Scheduler:
    def __init__(self, workers: int, cache: BlockCache | None, timeout: float, progress: Callable[[str, bool], None],
                 run_missing: bool = True, signal: Callable | None = None):
        """`run_missing=False` (make serve): a job not in the cache is not run but left pending, for the
        background build; `signal` is called as jobs finish (in that background build)."""
        self.workers, self.cache, self.timeout, self.progress = workers, cache, timeout, progress
        self.run_missing, self.signal = run_missing, signal
        self.jobs: dict[str, Job] = {}
        self._changed = threading.Condition()
        self._running: set[str] = set()
        self._groups: set[int] = set()
        self._exclusive_running = False
        self._closed = False
        self._started_at = self._finished_at = None
        self._dispatcher = threading.Thread(target=self._dispatch, name="rosetta-scheduler", daemon=True)
        self._desk = alone.Desk(Path(tempfile.mkdtemp(prefix="rosetta-alone-")), alone.neighbours_from_environment())
        self._desk_thread = threading.Thread(target=self._serve_desk, name="rosetta-desk", daemon=True)
        self._asked = False  # a timing waits for the machine: start nothing new
        self._top_process: dict[str, int] = {}
        self._cores: dict[str, int] = {}  # each running job's worker slot, the core its bound processes use
        self._folders: dict[str, Path] = {}  # each started job that times alone: its folder on the desk
        self._holder_job = ""  # the job whose timing holds the machine
        self._alone_seconds: dict[str, list[float]] = {}  # per job, each timing it took alone

    def add(self, job: Job) -> None:
        self.jobs.setdefault(job.name, job)

    def start(self) -> None:
        unknown = {wait for job in self.jobs.values() for wait in job.waits_for} - set(self.jobs)
        for job in self.jobs.values():
            job.waits_for = [wait for wait in job.waits_for if wait not in unknown and wait != job.name]
        self._started_at = time.perf_counter()
        self._dispatcher.start()
        self._desk_thread.start()

    def result(self, name: str) -> Outcome:
        """The outcome of job `name`, once it has finished."""
        self.jobs[name].done.wait()
        return self.jobs[name].outcome

    def close(self) -> None:
        """Stop: start nothing more, and kill every job still running (a build that failed or was stopped)."""
        with self._changed:
            self._closed = True
            groups = list(self._groups)
            if self._desk.holder is not None:
                self._desk.release()  # a stopped process cannot be left stopped
            self._changed.notify_all()
        for group in groups:
            processes.kill_process_group(group)

    # ---- scheduling ------------------------------------------------------------------------

    def _order(self) -> list[Job]:
        """Work that may share the machine before work that runs alone; long jobs and jobs others wait for
        first. A job that waits for others keeps its place: it starts as soon as they are done."""
        awaited = {wait for job in self.jobs.values() for wait in job.waits_for}
        return sorted(self.jobs.values(), key=lambda job: (job.exclusive, not job.heavy, job.name not in awaited, bool(job.waits_for)))

    def _dispatch(self) -> None:
        pending = self._order()
        while pending:
            with self._changed:
                job = self._next(pending)
                while job is None and not self._closed:
                    self._changed.wait()
                    job = self._next(pending)
                if self._closed:
                    break
                pending.remove(job)
                self._running.add(job.name)
                self._cores[job.name] = min(set(range(self.workers)) - set(self._cores.values()))
                if job.alone_while_timing:
                    self._folders[job.name] = self._desk.folder_for(len(self._folders))
                self._exclusive_running = job.exclusive
            threading.Thread(target=self._execute, args=(job,), name=f"rosetta-{job.name}", daemon=True).start()
        for job in pending:  # closed before they started
            self._finish(job, Outcome(error="the build stopped before it ran"), counted=False)

    def _next(self, pending: list[Job]) -> Job | None:
        if self._exclusive_running or self._asked or self._desk.holder is not None:
            return None
        ready = [job for job in pending if all(self.jobs[wait].done.is_set() for wait in job.waits_for)]
        for job in ready:
            if not job.exclusive and len(self._running) < self.workers:
                return job
        if not self._running:
            return next((job for job in ready if job.exclusive), None)
        return None

    def _execute(self, job: Job) -> None:
        try:
            outcome = self._outcome(job)
        except Exception as error:  # a job's failure is reported by its page, never a traceback of the build
            outcome = Outcome(error=f"{job.name} could not run: {type(error).__name__}: {error}")
        self._finish(job, outcome)

    def _outcome(self, job: Job) -> Outcome:
        started = time.perf_counter()
        if any(self.jobs[wait].outcome.pending for wait in job.waits_for):
            return Outcome(pending=True)
        failed = [wait for wait in job.waits_for if not self.jobs[wait].outcome.succeeded]
        if failed:
            return Outcome(error=f"not run, because {failed[0]} failed")
        key = self.cache.key(job.cache_code, {}, job.cache_inputs()) if self.cache and job.cache_inputs else None
        cached = self.cache.get(key) if key else None
        if cached is not None:
            return Outcome(stdout=cached, cached=True)
        if not self.run_missing:
            failure = self.cache.get_failure(key) if key else None
            return Outcome(**failure, cached=True) if failure else Outcome(pending=True)
        env = {threads.CORE_VARIABLE: str(self._cores[job.name])}
        if job.alone_while_timing:
            env[alone.VARIABLE] = str(self._folders[job.name])
        try:
            process = job.run(lambda group: self._track(job, group), env)
            outcome = Outcome(process.stdout, process.stderr, process.returncode, cpu_seconds=process.cpu_seconds)
        except subprocess.TimeoutExpired:
            outcome = Outcome(error=f"{job.name} did not finish within {self.timeout:.0f} s (ROSETTA_BLOCK_TIMEOUT)")
        except processes.LeftoverProcesses as leftover:
            outcome = Outcome(error=str(leftover))
        outcome.seconds = time.perf_counter() - started
        if key and outcome.succeeded:
            self.cache.put(key, outcome.stdout)
        elif key:
            self.cache.put_failure(key, {"stderr": outcome.stderr[-5000:], "returncode": outcome.returncode, "error": outcome.error})
        return outcome

    def _track(self, job: Job, group: int) -> None:
        with self._changed:
            self._groups.add(group)
            self._top_process[job.name] = group  # a group's leader: the job's top process
            if self._closed:
                processes.kill_process_group(group)

    # ---- timings alone: the desk grants the machine to one timing at a time --------------------

    def _serve_desk(self) -> None:
        while not self._closed:
            with self._changed:
                self._grant_or_release()
            time.sleep(alone.POLL_SECONDS)

    def _grant_or_release(self) -> None:
        holder = self._desk.holder
        if holder is not None:
            seconds = self._desk.released()
            if seconds is not None:
                self._alone_seconds.setdefault(self._holder_job, []).append(seconds)
                self._changed.notify_all()
            return
        folders = {self._folders[name]: name for name in self._running if name in self._folders}
        waiting = self._desk.requests(list(folders))
        if self._asked and not waiting:
            self._changed.notify_all()  # the dispatcher may start jobs again
        self._asked = bool(waiting)
        if not waiting:
            return
        asking = folders[waiting[0].parent]
        others = [name for name in self._running if name != asking]
        # A job that cannot be stopped, or whose process is not started yet, is waited for.
        if all(self.jobs[name].stoppable and name in self._top_process for name in others):
            self._desk.grant(waiting[0], [self._top_process[name] for name in others])
            self._holder_job = asking

    def _finish(self, job: Job, outcome: Outcome, counted: bool = True) -> None:
        if outcome.succeeded:
            try:
                records.save(job.name, outcome.stdout)
            except OSError as error:  # the page still gets its output; only a reader of records misses it
                outcome = Outcome(error=f"{job.name} ran, but its record could not be written: {error}")
        with self._changed:
            job.outcome = outcome
            job.done.set()
            self._running.discard(job.name)
            self._cores.pop(job.name, None)
            if job.name in self._folders:  # a request its killed process left behind must not hold the machine
                for request in self._folders[job.name].glob("*.request"):
                    request.unlink(missing_ok=True)
            if job.exclusive:
                self._exclusive_running = False
            self._finished_at = time.perf_counter()
            done = sum(other.done.is_set() for other in self.jobs.values())
            self._changed.notify_all()
        if counted and (not (outcome.cached or outcome.pending) or done == len(self.jobs)):
            self._report(job, done)  # what ran, and the last line; a rebuild from the cache stays quiet
        if self.signal:
            self.signal(last=done == len(self.jobs))

    # ---- progress and summary ----------------------------------------------------------------

    def _report(self, job: Job, done: int) -> None:
        elapsed = time.perf_counter() - self._started_at
        total = len(self.jobs)
        left = elapsed / done * (total - done) if done < total else 0.0
        how = ("pending" if job.outcome.pending else "cached" if job.outcome.cached
               else f"{job.outcome.seconds:.1f} s, {job.outcome.cpu_seconds:.1f} s CPU" + (", alone" if job.exclusive else ", timed alone" if job.alone_while_timing else ""))
        estimate = f", about {left:.0f} s left" if done < total else ""
        self.progress(f"[{done}/{total}] {elapsed:.0f} s elapsed{estimate}: {job.name} ({how})", done == total)

    def summary(self) -> list[str]:
        ran = [job for job in self.jobs.values() if job.outcome and not job.outcome.cached and job.outcome.seconds]
        if not ran or self._finished_at is None:
            return []
        wall = self._finished_at - self._started_at
        summed = sum(job.outcome.seconds for job in ran)
        cpu, cores = sum(job.outcome.cpu_seconds for job in ran), os.cpu_count() or 1  # the machine's cores, not the workers
        alone = [job for job in ran if job.exclusive]
        lines = [f"ran {len(ran)} jobs in {wall:.1f} s wall, {summed:.1f} s summed: a speed-up of {summed / wall:.2f} "
                 f"on {self.workers} worker{'s' if self.workers > 1 else ''}",
                 f"processor time of the jobs: {cpu:.1f} s, {cpu / (wall * cores):.0%} of the {cores} cores' {wall * cores:.0f} s"]
        if alone:
            lines.append("ran alone (they report timings): " + ", ".join(f"{job.name} ({job.outcome.seconds:.1f} s)" for job in alone))
        timed = [job for job in ran if job.alone_while_timing]
        if timed:
            lines.append("timed alone (every other job stopped while they timed): " + ", ".join(
                f"{job.name} ({len(self._alone_seconds.get(job.name, []))} timings, {sum(self._alone_seconds.get(job.name, [])):.1f} s "
                f"of {job.outcome.seconds:.1f} s)" for job in timed))
        return lines


def terminal_progress(log) -> Callable[[str, bool], None]:
    """One updating line on a terminal; plain log lines elsewhere (CI logs)."""
    if sys.stderr.isatty():
        def show(line: str, last: bool) -> None:
            print(f"\r\033[K{line}", end="\n" if last else "", file=sys.stderr, flush=True)
        return show
    return lambda line, last: log.info("progress %s", line)
