"""One way to run a child process: a timeout, a process group, nothing left behind, one-line errors."""

import os
import subprocess
import sys
import textwrap
import time

import pytest

from rosetta import processes
from rosetta.execution.reader import run_as_reader
from support import assert_gone

SNIPPET_TIMEOUT = 600


def python(code: str) -> list[str]:
    return [sys.executable, "-c", textwrap.dedent(code)]


def test_a_child_that_dies_without_a_word_is_named_in_one_line():
    with pytest.raises(processes.ChildFailed) as failed:
        processes.run_checked(python("import os; os._exit(3)"), name="the silent child", timeout=60)
    assert str(failed.value) == "the silent child exited with status 3: (no error output)"


def test_a_failing_child_is_reported_by_the_last_line_of_its_stderr():
    with pytest.raises(processes.ChildFailed, match=r"^the child exited with status 1: ValueError: no weights$"):
        processes.run_checked(python("raise ValueError('no weights')"), name="the child", timeout=60)


def test_a_worker_must_print_its_result():
    with pytest.raises(processes.ChildFailed, match=r"^the worker printed no result$"):
        processes.run_worker("-c", ["pass"], name="the worker", timeout=60)
    assert processes.run_worker("-c", ["print('first'); print('result')"], name="the worker", timeout=60) == "result"


def test_a_run_counts_the_processor_time_of_the_child_and_of_the_children_it_waited_for():
    busy = "import time\nwhile time.process_time() < 0.4: pass"
    child = f"import subprocess, sys, time; subprocess.run([sys.executable, '-c', {busy!r}]); time.sleep(0.5)"
    done = processes.run(python(child), name="the parent", timeout=60)
    assert done.returncode == 0
    assert 0.4 <= done.cpu_seconds < 0.4 + 0.5  # the grandchild's busy 0.4 s counted, the parent's sleep not


def test_a_child_past_its_timeout_is_stopped_and_named():
    with pytest.raises(processes.ChildFailed, match=r"^the sleeper did not finish within 1 s$"):
        processes.run_checked(python("import time; time.sleep(600)"), name="the sleeper", timeout=1)


def test_a_generator_stops_in_one_line_naming_itself_and_the_child():
    def main():
        processes.run_checked(python("import os; os._exit(3)"), name="route 'LiteRT'", timeout=60)
    with pytest.raises(SystemExit, match=r"^gen_demo\.py: route 'LiteRT' exited with status 3: \(no error output\)$"):
        processes.run_main(main, "/somewhere/gen_demo.py")


def test_a_hanging_snippet_is_stopped_by_the_timeout(tmp_path):
    hanging = tmp_path / "hang_pytorch.py"
    hanging.write_text("import time\nprint('started', flush=True)\ntime.sleep(600)\n")
    with pytest.raises(subprocess.TimeoutExpired) as stopped:
        run_as_reader(hanging, timeout=2)
    assert stopped.value.timeout == 2


def test_a_snippet_runs_from_an_empty_directory_with_a_fresh_interpreter(tmp_path, monkeypatch):
    monkeypatch.setenv("KERAS_BACKEND", "jax")  # as an author's shell might have it
    probe = tmp_path / "probe_pytorch.py"
    probe.write_text("import os, sys\nprint(sorted(os.listdir('.')))\nprint(sys.executable)\nprint(os.environ.get('KERAS_BACKEND'))\n")
    listing, interpreter, backend = run_as_reader(probe, timeout=SNIPPET_TIMEOUT).stdout.splitlines()
    assert listing == "['probe_pytorch.py']"
    assert interpreter == sys.executable
    assert backend == "None", "an author's KERAS_BACKEND must not leak into a reader's run"


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
    with pytest.raises(processes.LeftoverProcesses, match="leak_pytorch.py exited but left processes running"):
        run_as_reader(leaky, timeout=60)
    assert_gone(int(pid_file.read_text()))


def test_the_descendants_of_a_process_include_those_in_sessions_of_their_own_and_can_be_killed():
    starts_a_sleeper = ("import subprocess, sys, time\n"
                        "sleeper = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)'], start_new_session=True)\n"
                        "print(sleeper.pid, flush=True)\n"
                        "time.sleep(60)\n")
    parent = subprocess.Popen([sys.executable, "-c", starts_a_sleeper], stdout=subprocess.PIPE, text=True)
    try:
        sleeper = int(parent.stdout.readline())
        assert processes.descendants(parent.pid) == [sleeper]
        processes.kill_all([sleeper, parent.pid])
        parent.wait(timeout=10)
        assert_gone(sleeper)
    finally:
        parent.kill()
