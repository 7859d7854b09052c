"""The build's scheduler: all cores, work that reports timings alone, dependencies first, each job once."""

import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from rosetta import processes, threads
from rosetta.execution import alone
from rosetta.execution.cache import BlockCache
from rosetta.execution.reader import reader_environment
from rosetta.execution.scheduler import Job, JobsError, Scheduler, workers_from_environment


class Timeline:
    """Fake jobs that record which others were running beside them, and in what order they ran."""

    def __init__(self):
        self.running: set[str] = set()
        self.beside: dict[str, set[str]] = {}  # job -> the jobs running at some moment of its run
        self.order: list[str] = []  # "start x" and "end x", as they happened
        self.peak = 0  # the most jobs running at once
        self.lock = threading.Lock()

    def job(self, name: str, seconds: float = 0.2, returncode: int = 0, **options) -> Job:
        def run(on_start, env):
            with self.lock:
                self.running.add(name)
                self.order.append(f"start {name}")
                self.peak = max(self.peak, len(self.running))
                for other in self.running:
                    self.beside.setdefault(other, set()).update(self.running - {other})
            time.sleep(seconds)
            with self.lock:
                self.running.discard(name)
                self.order.append(f"end {name}")
            return processes.Finished([name], returncode, f"{name} printed\n", "" if returncode == 0 else "Boom: it broke\n",
                                      cpu_seconds=seconds)  # as if busy all along
        return Job(name, run, **options)

    def ran(self, name: str) -> bool:
        return f"start {name}" in self.order


def scheduler(workers: int = 2, cache=None, lines=None) -> Scheduler:
    return Scheduler(workers, cache, timeout=60, progress=lambda line, last: lines.append(line) if lines is not None else None)


def run_all(schedule: Scheduler, names) -> dict:
    schedule.start()
    return {name: schedule.result(name) for name in names}


def test_jobs_share_the_machine_up_to_the_number_of_workers():
    timeline, schedule = Timeline(), scheduler(workers=2)
    for name in ("a", "b", "c"):
        schedule.add(timeline.job(name, 0.3))
    outcomes = run_all(schedule, "abc")
    assert all(outcome.succeeded and outcome.stdout == f"{name} printed\n" for name, outcome in outcomes.items())
    assert timeline.peak == 2, "two at a time on two workers, never three"


def test_jobs_running_together_bind_their_processes_to_different_cores():
    cores, schedule = {}, scheduler(workers=2)

    def job(name):
        def run(on_start, env):
            cores[name] = env[threads.CORE_VARIABLE]
            time.sleep(0.3)  # the two run side by side
            return subprocess.CompletedProcess([name], 0, "", "")
        return Job(name, run)
    for name in ("a", "b"):
        schedule.add(job(name))
    run_all(schedule, "ab")
    assert sorted(cores.values()) == ["0", "1"]


@pytest.mark.parametrize("slot, allowed, core", [("1", [0, 1], 1), ("3", [0, 1], 1), ("0", [2, 5], 2), (None, [4, 7], 4), ("x", [1, 3], 1)])
def test_a_one_thread_process_takes_its_jobs_core(monkeypatch, slot, allowed, core):
    monkeypatch.setattr(threads.os, "sched_getaffinity", lambda pid: set(allowed))
    if slot is None:
        monkeypatch.delenv(threads.CORE_VARIABLE, raising=False)
    else:
        monkeypatch.setenv(threads.CORE_VARIABLE, slot)
    assert threads.one_core() == core


def test_a_job_that_reports_timings_runs_alone():
    timeline, schedule = Timeline(), scheduler(workers=2)
    schedule.add(timeline.job("timed", 0.3, exclusive=True))
    for name in ("x", "y", "z"):
        schedule.add(timeline.job(name, 0.2))
    run_all(schedule, ["timed", "x", "y", "z"])
    assert timeline.beside.get("timed", set()) == set() and "timed" not in set().union(*timeline.beside.values())
    assert any(timeline.beside.get(name) for name in "xyz"), "the others still share the machine"


def test_a_job_starts_after_the_jobs_it_reads_and_is_skipped_when_one_failed():
    timeline, schedule = Timeline(), scheduler(workers=2)
    schedule.add(timeline.job("reader", 0.1, waits_for=["producer"]))
    schedule.add(timeline.job("producer", 0.3))
    schedule.add(timeline.job("late", 0.1, waits_for=["broken"]))
    schedule.add(timeline.job("broken", 0.1, returncode=1))
    outcomes = run_all(schedule, ["reader", "producer", "late", "broken"])
    assert timeline.order.index("start reader") > timeline.order.index("end producer")
    assert outcomes["late"].error == "not run, because broken failed" and not timeline.ran("late")
    assert outcomes["broken"].returncode == 1 and outcomes["broken"].stderr == "Boom: it broke\n"


def test_a_job_is_taken_from_the_cache_and_progress_counts_every_job(tmp_path):
    lines, cache = [], BlockCache(tmp_path)
    for attempt in range(2):
        timeline, schedule = Timeline(), scheduler(cache=cache, lines=lines)
        schedule.add(timeline.job("a", 0.1, cache_inputs=lambda: "", cache_code="print('a')"))
        outcome = run_all(schedule, ["a"])["a"]
        assert outcome.stdout == "a printed\n" and outcome.cached == (attempt == 1)
        assert timeline.ran("a") == (attempt == 0)
    assert lines[0].startswith("[1/1] ") and lines[0].endswith(": a (0.1 s, 0.1 s CPU)") and lines[1].endswith(": a (cached)")


def test_the_summary_gives_wall_time_summed_time_speed_up_and_the_jobs_that_ran_alone():
    timeline, schedule = Timeline(), scheduler(workers=2)
    schedule.add(timeline.job("a", 0.3))
    schedule.add(timeline.job("b", 0.3))
    schedule.add(timeline.job("timed", 0.1, exclusive=True))
    outcomes = run_all(schedule, ["a", "b", "timed"])
    first, cpu, alone = schedule.summary()
    match = re.fullmatch(r"ran 3 jobs in ([\d.]+) s wall, ([\d.]+) s summed: a speed-up of ([\d.]+) on 2 workers", first)
    wall, summed, speed_up = map(float, match.groups())
    assert summed == round(sum(outcome.seconds for outcome in outcomes.values()), 1)
    assert speed_up == pytest.approx(summed / wall, rel=0.25)  # the ratio of the two (each rounded to 0.1 s)
    cores = os.cpu_count()  # the machine's, not the workers': a pool larger than the machine must not inflate it
    match = re.fullmatch(rf"processor time of the jobs: ([\d.]+) s, (\d+)% of the {cores} cores' (\d+) s", cpu)
    assert float(match[1]) == round(sum(outcome.cpu_seconds for outcome in outcomes.values()), 1) == 0.7
    assert int(match[3]) == round(cores * wall) and int(match[2]) == pytest.approx(100 * 0.7 / (cores * wall), rel=0.25)
    assert alone == f"ran alone (they report timings): timed ({outcomes['timed'].seconds:.1f} s)"


def test_closing_kills_what_still_runs_and_starts_nothing_more(tmp_path):
    schedule = scheduler(workers=1)
    pid_file = tmp_path / "pid"

    def hang(on_start, env):
        process = subprocess.Popen([sys.executable, "-c", f"import os, time; open({str(pid_file)!r}, 'w').write(str(os.getpid())); time.sleep(600)"],
                                   start_new_session=True)
        on_start(process.pid)
        return processes.Finished([], process.wait(), "", "", cpu_seconds=0.0)
    schedule.add(Job("hang", hang))
    schedule.add(Job("never", lambda on_start, env: pytest.fail("started after close")))
    schedule.start()
    deadline = time.monotonic() + 30
    while not pid_file.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    schedule.close()
    assert schedule.result("hang").returncode == -9
    assert schedule.result("never").error == "the build stopped before it ran"


@pytest.mark.parametrize("value", ["0", "-2", "two", "1.5"])
def test_a_bad_number_of_jobs_is_refused_in_one_line_naming_the_variable(value, monkeypatch):
    monkeypatch.setenv("ROSETTA_JOBS", value)
    with pytest.raises(JobsError, match=rf"^ROSETTA_JOBS must be a whole number of at least 1 \(parallel jobs\), got '{value}'$"):
        workers_from_environment()


def test_the_number_of_jobs_defaults_to_the_cores(monkeypatch):
    monkeypatch.delenv("ROSETTA_JOBS", raising=False)
    assert workers_from_environment() >= 1
    monkeypatch.setenv("ROSETTA_JOBS", "3")
    assert workers_from_environment() == 3


def test_a_job_that_cannot_even_start_fails_by_name_instead_of_stopping_the_build(tmp_path):
    def broken_inputs():
        raise ValueError("the declaration is unreadable")
    schedule = scheduler(cache=BlockCache(tmp_path))  # with a cache, the inputs of the key are read first
    schedule.add(Job("gen_broken.py", lambda on_start, env: pytest.fail("must not run"), cache_inputs=broken_inputs))
    outcome = run_all(schedule, ["gen_broken.py"])["gen_broken.py"]
    assert outcome.error == "gen_broken.py could not run: ValueError: the declaration is unreadable"


# A job that asks for the machine around its timing (rosetta.execution.alone), and a busy neighbour that
# counts: the neighbour's count must not move while the timing holds the machine, and must move after.
TIMER = """
import sys, time
from pathlib import Path
from rosetta.execution.alone import machine_to_myself
counter = Path(sys.argv[1])
time.sleep(0.5)  # setup: shares the machine
def count():
    return int(counter.read_text() or 0)
with machine_to_myself():
    before = count(); time.sleep(0.6); after = count()
time.sleep(0.4)
print(before, after, count())
"""
NEIGHBOUR = """
import sys, time
from pathlib import Path
counter, n = Path(sys.argv[1]), 0
scratch = counter.with_suffix(".next")
while n < 600:  # written whole, then renamed: stopped mid-write, it still leaves the last count readable
    n += 1; scratch.write_text(str(n)); scratch.replace(counter); time.sleep(0.005)
"""


def process_job(name: str, code: str, counter, **options) -> Job:
    def run(on_start, env):
        return processes.run([sys.executable, "-c", code, str(counter)], name=name, timeout=60,
                             env=reader_environment() | env, on_start=on_start)
    return Job(name, run, **options)


@pytest.mark.parametrize("stoppable", [True, False])
def test_a_job_times_with_every_other_job_stopped_and_they_go_on_after(tmp_path, stoppable):
    counter = tmp_path / "count"
    counter.write_text("0")
    lines: list[str] = []
    schedule = scheduler(workers=2, lines=lines)
    schedule.add(process_job("timer", TIMER, counter, alone_while_timing=True, heavy=True))
    schedule.add(process_job("neighbour", NEIGHBOUR, counter, stoppable=stoppable))
    outcomes = run_all(schedule, ["timer", "neighbour"])
    assert outcomes["timer"].succeeded and outcomes["neighbour"].succeeded, outcomes
    before, after, later = map(int, outcomes["timer"].stdout.split())
    if stoppable:  # stopped for the timing, then going on
        assert 0 < before == after < later, outcomes["timer"].stdout
    else:  # a job that cannot be stopped is waited for: it had finished before the timing began
        assert before == after == later == 600, outcomes["timer"].stdout
    summary = schedule.summary()[-1]
    assert re.fullmatch(r"timed alone \(every other job stopped while they timed\): timer \(1 timings, [\d.]+ s of [\d.]+ s\)", summary), summary


def test_outside_a_build_a_timing_asks_nobody(monkeypatch):
    monkeypatch.delenv(alone.VARIABLE, raising=False)
    monkeypatch.setattr(alone, "Path", None)  # a request would need a file: asking anybody would fail here
    with alone.machine_to_myself():
        entered = True
    assert entered


def test_a_neighbour_is_stopped_from_the_top_down_and_what_was_stopped_already_is_left_as_it_was():
    parent = subprocess.Popen([sys.executable, "-c", "import subprocess, sys, time\n"
                               "children = [subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)']) for _ in range(2)]\n"
                               "print(' '.join(str(child.pid) for child in children), flush=True); time.sleep(60)"],
                              stdout=subprocess.PIPE, text=True)
    first = second = parent.pid
    try:
        first, second = map(int, parent.stdout.readline().split())
        os.kill(second, signal.SIGSTOP)  # stopped by somebody else before the desk came
        stopped = alone.stop_neighbours([parent.pid], spared=set())
        assert stopped == [parent.pid, first], stopped
        assert all(alone._state(pid) == "T" for pid in (parent.pid, first, second))
        desk = alone.Desk(Path("unused"))
        desk.stopped = stopped
        desk.release()
        assert alone._state(parent.pid) != "T" and alone._state(first) != "T" and alone._state(second) == "T"
        assert alone.stop_neighbours([parent.pid], spared={parent.pid}) == [], "a spared process and its tree are not touched"
        os.kill(first, signal.SIGKILL)  # a zombie until its parent waits for it
        while alone._state(first) != "Z":
            time.sleep(0.01)
        assert alone.stop_neighbours([first], spared=set()) == [], "a zombie is not waited for, nor counted"
    finally:
        for pid in {parent.pid, first, second}:
            os.kill(pid, signal.SIGKILL)
        parent.wait()
