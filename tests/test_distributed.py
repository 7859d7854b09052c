"""Distributed runs end cleanly: a dead worker fails the run with a clear message, nothing is orphaned.

The snippets themselves are run, and their parity checked, by test_snippets.py. Here each one is
broken on purpose, the way a reader's cluster breaks: a copy with one worker killed mid-run, or
hung past the timeout.
"""

import os
import subprocess
import textwrap
import time

import psutil
import pytest

from snippet_runner import SNIPPETS, LeftoverProcesses, run_as_reader

DISTRIBUTED = SNIPPETS / "distributed"


def broken_copy(tmp_path, name: str, replacements: dict) -> object:
    source = (DISTRIBUTED / name).read_text()
    for old, new in replacements.items():
        assert old in source, f"{name} no longer contains {old!r}: update this test"
        source = source.replace(old, new)
    copy = tmp_path / name
    copy.write_text(source)
    return copy


def test_a_dead_ddp_rank_fails_the_run_with_a_clear_message(tmp_path):
    copy = broken_copy(tmp_path, "ddp_pytorch.py", {
        "    dataset = digits()\n    sampler": "    if rank == 1:\n        os._exit(3)  # rank 1 dies\n    dataset = digits()\n    sampler",
    })
    started = time.monotonic()
    run = run_as_reader(copy, timeout=240)  # raises if it hangs or leaves processes behind
    assert run.returncode != 0
    assert "process 1 terminated with exit code 3" in run.stderr
    assert time.monotonic() - started < 120, "a dead rank must not leave the others waiting for their timeout"


def test_a_dead_tensorflow_worker_fails_the_run_with_a_clear_message(tmp_path):
    copy = broken_copy(tmp_path, "multiworker_tensorflow.py", {
        "    flat, samples = train(": "    if index == 1:\n        os._exit(3)  # worker 1 dies\n    flat, samples = train(",
    })
    run = run_as_reader(copy, timeout=240)
    assert run.returncode != 0
    assert run.stderr.strip().splitlines()[-1].startswith("worker 1 exited with status 3")


def test_a_hung_tensorflow_worker_is_stopped_at_the_timeout(tmp_path):
    copy = broken_copy(tmp_path, "multiworker_tensorflow.py", {
        "TIMEOUT = 300": "TIMEOUT = 5",
        "    flat, samples = train(": "    time.sleep(600)  # worker hangs\n    flat, samples = train(",
    })
    run = run_as_reader(copy, timeout=120)
    assert run.returncode != 0
    assert run.stderr.strip().splitlines()[-1] == "the workers did not finish within 5 s"


def test_the_runner_kills_everything_a_hung_snippet_started(tmp_path):
    pid_file = tmp_path / "child.pid"
    hanging = tmp_path / "hang_pytorch.py"
    hanging.write_text(textwrap.dedent(f"""
        import subprocess, sys, time
        child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
        open({str(pid_file)!r}, "w").write(str(child.pid))
        time.sleep(600)
    """))
    with pytest.raises(subprocess.TimeoutExpired):
        run_as_reader(hanging, timeout=5)
    assert_gone(int(pid_file.read_text()))


def test_a_snippet_that_leaves_a_process_behind_is_an_error(tmp_path):
    pid_file = tmp_path / "child.pid"
    leaky = tmp_path / "leak_pytorch.py"
    leaky.write_text(textwrap.dedent(f"""
        import subprocess, sys
        child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        open({str(pid_file)!r}, "w").write(str(child.pid))
        print("exiting without waiting for the child")
    """))
    with pytest.raises(LeftoverProcesses, match="leak_pytorch.py exited but left processes running"):
        run_as_reader(leaky, timeout=60)
    assert_gone(int(pid_file.read_text()))


def assert_gone(pid: int) -> None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            if psutil.Process(pid).status() == psutil.STATUS_ZOMBIE:
                return  # dead, waiting for init to reap it
        except psutil.NoSuchProcess:
            return
        time.sleep(0.1)
    raise AssertionError(f"process {pid} is still running: {os.popen(f'ps -o pid,pgid,cmd -p {pid}').read()}")
