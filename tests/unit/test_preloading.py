"""Preloaded interpreters: which files may use one, and that a file run in one is run as `python file.py` is."""

import re
import subprocess
import textwrap
import threading

import pytest

from rosetta import processes
from rosetta.execution.preloading import (Interpreter, Interpreters, InterpreterStopped, Preload, PreloadError,
                                          enabled_from_environment, preload_for)
from rosetta.execution.reader import reader_environment, run_as_reader
from support import assert_gone

# A light module stands for a framework: what is checked is the fork, not what was imported.
LIGHT = Preload("json")
TIMEOUT = 120


@pytest.fixture
def interpreter():
    started = Interpreter(LIGHT, reader_environment())
    yield started
    started.close()


def snippet(folder, name: str, code: str):
    path = folder / name
    path.write_text(textwrap.dedent(code))
    return path


@pytest.mark.parametrize("code, expected", [
    ("import torch\nprint(torch.ones(2))", Preload("torch")),
    ("import numpy as np\nimport tensorflow as tf\nimport torch", Preload("tensorflow")),  # the costlier import
    ("from flax import nnx\nimport optax", Preload("jax")),  # flax imports jax
    ("import os\n\nos.environ['KERAS_BACKEND'] = 'torch'\n\nimport keras", Preload("keras", "torch")),
    ("import os\nos.environ['KERAS_BACKEND'] = 'jax'\nimport keras\nimport numpy", Preload("keras", "jax")),
    ("import numpy\nprint(numpy.ones(2))", None),  # no framework: nothing worth preloading
    ("import keras", None),  # Keras without a stated backend takes it from the environment: run as itself
    ("import keras\nimport os\nos.environ['KERAS_BACKEND'] = 'torch'", None),  # set too late, on purpose
    ("import os\nos.environ['KERAS_BACKEND'] = 'mxnet'\nimport keras", None),
    ("import os\nos.environ['TF_CPP_MIN_LOG_LEVEL'] = '3'\nimport tensorflow", None),  # read by the import
    ("import os\nimport torch\nprint(os.environ.get('HOME'))", None),
    ("import subprocess, sys\nimport torch\nsubprocess.run([sys.executable, '-V'])", None),
    ("import torch.multiprocessing as mp\nmp.spawn(print, nprocs=2)", None),
    ("import os\nimport jax\nos.sched_setaffinity(0, {0})", None),
    ("import torch\n  broken(", None),  # fails as python file.py makes it fail
])
def test_a_file_uses_a_preloaded_interpreter_only_when_nothing_it_does_could_change_the_import(code, expected):
    assert preload_for(code) == expected


def test_preloading_is_on_by_default_and_a_bad_setting_is_named(monkeypatch):
    monkeypatch.delenv("ROSETTA_PRELOAD", raising=False)
    assert enabled_from_environment()
    monkeypatch.setenv("ROSETTA_PRELOAD", "0")
    assert not enabled_from_environment()
    monkeypatch.setenv("ROSETTA_PRELOAD", "yes")
    with pytest.raises(PreloadError, match=r"^ROSETTA_PRELOAD must be 1 .* or 0 .*, got 'yes'$"):
        enabled_from_environment()


PROBE = """
    import os, random, sys
    print(sorted(os.listdir(".")), sys.argv, sys.path[0] == os.getcwd(), __name__)
    print(os.path.basename(__file__), os.environ.get("KERAS_BACKEND"), sys.stdin.read() == "")
    print("json" in sys.modules)
"""


def test_a_preloaded_run_prints_what_python_file_py_prints(tmp_path, interpreter, monkeypatch):
    monkeypatch.setenv("KERAS_BACKEND", "jax")  # an author's shell: a reader's run has none
    probe = snippet(tmp_path, "probe_pytorch.py", PROBE)
    plain = run_as_reader(probe, TIMEOUT)
    preloaded = interpreter.run(probe, TIMEOUT, reader_environment())
    assert preloaded.returncode == plain.returncode == 0
    plain_lines, preloaded_lines = plain.stdout.splitlines(), preloaded.stdout.splitlines()
    assert preloaded_lines[:2] == plain_lines[:2] == ["['probe_pytorch.py'] ['probe_pytorch.py'] True __main__",
                                                      "probe_pytorch.py None True"]
    assert (plain_lines[2], preloaded_lines[2]) == ("False", "True")  # the one difference: imported before the file ran


@pytest.mark.parametrize("code, status", [
    ("raise ValueError('no weights')", 1),
    ("import sys\nsys.exit(3)", 3),
    ("import sys\nsys.exit('stopped: no data')", 1),
    ("import sys\nsys.exit()", 0),
])
def test_a_failing_file_fails_with_the_same_status_and_the_same_error_output(tmp_path, interpreter, code, status):
    failing = snippet(tmp_path, "fail_pytorch.py", "print('before')\n" + code + "\n")
    plain, preloaded = run_as_reader(failing, TIMEOUT), interpreter.run(failing, TIMEOUT, reader_environment())
    assert preloaded.returncode == plain.returncode == status
    assert preloaded.stdout == plain.stdout == "before\n"
    folder = re.compile(r"/[^\s\"]*/rosetta-run-[^/]+/")  # each run has its own empty folder
    assert folder.sub("<folder>/", preloaded.stderr) == folder.sub("<folder>/", plain.stderr)


def test_each_run_has_fresh_random_generators_and_its_own_processor_time(tmp_path, interpreter):
    draw = snippet(tmp_path, "draw_pytorch.py", """
        import random, time
        print(random.random())
        while time.process_time() < 0.3:
            pass
    """)
    first, second = (interpreter.run(draw, TIMEOUT, reader_environment()) for _ in range(2))
    assert first.stdout != second.stdout
    assert 0.3 <= first.cpu_seconds < 2


def test_the_file_runs_with_the_given_environment(tmp_path, interpreter):
    probe = snippet(tmp_path, "env_pytorch.py", "import os\nprint(os.environ.get('ROSETTA_CORE'), os.environ.get('PATH') is None)\n")
    assert interpreter.run(probe, TIMEOUT, {"ROSETTA_CORE": "1"}).stdout == "1 True\n"


def test_a_hanging_preloaded_run_is_stopped_by_the_timeout_and_told_by_its_group(tmp_path, interpreter):
    groups = []
    hanging = snippet(tmp_path, "hang_pytorch.py", "import time\ntime.sleep(600)\n")
    with pytest.raises(subprocess.TimeoutExpired):
        interpreter.run(hanging, 2, reader_environment(), on_start=groups.append)
    assert len(groups) == 1
    assert_gone(groups[0])
    assert interpreter.run(snippet(tmp_path, "after_pytorch.py", "print('still serving')\n"), TIMEOUT,
                           reader_environment()).stdout == "still serving\n"


def test_a_preloaded_run_that_leaves_a_process_behind_is_an_error(tmp_path, interpreter):
    pid_file = tmp_path / "child.pid"
    leaky = snippet(tmp_path, "leak_pytorch.py", f"""
        import subprocess, sys
        child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
        open({str(pid_file)!r}, "w").write(str(child.pid))
    """)
    with pytest.raises(processes.LeftoverProcesses, match="leak_pytorch.py exited but left processes running"):
        interpreter.run(leaky, TIMEOUT, reader_environment())
    assert_gone(int(pid_file.read_text()))


def test_an_interpreter_that_cannot_import_its_module_fails_the_run_naming_it(tmp_path):
    broken = Interpreter(Preload("no_such_framework"), reader_environment())
    try:
        with pytest.raises(InterpreterStopped, match=r"^the preloaded no_such_framework interpreter stopped \(status 1\): "
                                                     r"ModuleNotFoundError: No module named 'no_such_framework'$"):
            broken.run(snippet(tmp_path, "any_pytorch.py", "print(1)\n"), TIMEOUT, reader_environment())
    finally:
        broken.close()


def test_closing_the_interpreters_ends_the_runs_still_going(tmp_path):
    interpreters = Interpreters(reader_environment())
    groups, errors = [], []
    hanging = snippet(tmp_path, "hang_pytorch.py", "import time\ntime.sleep(600)\n")

    def run():
        try:
            interpreters.run(LIGHT, hanging, TIMEOUT, on_start=groups.append)
        except Exception as error:
            errors.append(error)
    runner = threading.Thread(target=run)
    runner.start()
    while not groups:
        runner.join(0.05)
    interpreters.close()
    runner.join(30)
    assert not runner.is_alive()
    assert_gone(groups[0])
    assert errors and isinstance(errors[0], InterpreterStopped)
    with pytest.raises(InterpreterStopped, match="the build stopped before it ran"):
        interpreters.run(LIGHT, hanging, TIMEOUT)
