"""Snippets run in a fork of an interpreter that has already imported their framework.

A TensorFlow or Keras snippet spends about 5 s importing TensorFlow before it does anything, and
the build runs dozens of them (PyTorch 1.5 s, JAX 1 s). A preloaded interpreter
(scripts/workers/preloaded_interpreter.py) imports the framework once; each snippet then runs in
a fork of it that is what `python file.py` from an empty folder would be (its own session, folder,
argv, environment, output, fresh random generators, the file as __main__). The one difference,
the framework imported before the file started, is invisible to a file that imports it at its top
anyway, as long as nothing the file does first could change that import. So a file is run this
way only when (`preload_for`):

- it imports the framework at module level (Keras: with `os.environ["KERAS_BACKEND"] = "..."`
  set to a literal before any import of a framework, which the interpreter is started with);
- it touches the environment in no other way, and starts no process (no subprocess,
  multiprocessing, sys.executable, fork, affinity): those runs must start from a real interpreter.

ROSETTA_PRELOAD=0 runs every snippet as `python file.py`; a build made that way and a preloaded
build have the same pages (scripts/diff_builds.py, measured in the README).
"""

import ast
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from rosetta import processes
from rosetta.execution.reader import reader_folder
from rosetta.paths import WORKERS
from rosetta.vocabulary import FRAMEWORKS, KERAS_BACKENDS

VARIABLE = "ROSETTA_PRELOAD"
SERVER = WORKERS / "preloaded_interpreter.py"
KERAS = FRAMEWORKS["keras"].module
# The frameworks worth importing once, the costliest first when a file imports several (Keras is
# preloaded with the backend its file sets).
PRELOADED = ("tensorflow", "torch", "jax")
# What a file that may use a preloaded interpreter never names: each changes the process or starts another.
_PROCESS_CHANGES = frozenset({"environ", "putenv", "unsetenv", "subprocess", "multiprocessing", "executable", "fork",
                              "sched_setaffinity", "set_start_method", "execv", "execve", "spawn", "spawnv", "system", "popen"})


class PreloadError(ValueError):
    """ROSETTA_PRELOAD is neither 0 nor 1."""


def enabled_from_environment() -> bool:
    value = os.environ.get(VARIABLE, "1")
    if value not in ("0", "1"):
        raise PreloadError(f"{VARIABLE} must be 1 (run snippets in preloaded interpreters, the default) or 0 "
                           f"(every snippet as python file.py), got {value!r}")
    return value == "1"


@dataclass(frozen=True)
class Preload:
    module: str  # what the interpreter imports once
    keras_backend: str | None = None  # KERAS_BACKEND it imports Keras with

    @property
    def name(self) -> str:
        return f"{self.module} ({self.keras_backend} backend)" if self.keras_backend else self.module


def preload_for(source: str) -> Preload | None:
    """The preloaded interpreter a file may run in, or None when it must run as `python file.py`."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return None  # it fails as python file.py would have it fail
    packages = {package for framework in FRAMEWORKS.values() for package in framework.packages}
    backend, imported = None, []
    for statement in tree.body:
        if _sets_keras_backend(statement):
            if packages & set(imported):
                return None  # set after a framework was imported: the file shows what that does
            backend = statement.value.value
        elif isinstance(statement, ast.Import):
            imported += [alias.name.split(".")[0] for alias in statement.names]
        elif isinstance(statement, ast.ImportFrom) and statement.module and not statement.level:
            imported.append(statement.module.split(".")[0])
    allowed = {id(node) for statement in tree.body if _sets_keras_backend(statement) for node in ast.walk(statement)}
    if any(id(node) not in allowed and _changes_the_process(node) for node in ast.walk(tree)):
        return None
    # A framework counts as imported when any of its packages is (flax and optax import jax).
    frameworks = {framework.module for framework in FRAMEWORKS.values() if set(framework.packages) & set(imported)}
    if backend is not None:
        return Preload(KERAS, backend) if KERAS in frameworks and backend in KERAS_BACKENDS else None
    module = next((module for module in PRELOADED if module in frameworks), None)
    return Preload(module) if module else None


def _sets_keras_backend(statement: ast.stmt) -> bool:
    """`os.environ["KERAS_BACKEND"] = "<literal>"`."""
    return (isinstance(statement, ast.Assign) and len(statement.targets) == 1
            and isinstance(statement.targets[0], ast.Subscript) and ast.unparse(statement.targets[0].value) == "os.environ"
            and isinstance(statement.targets[0].slice, ast.Constant) and statement.targets[0].slice.value == "KERAS_BACKEND"
            and isinstance(statement.value, ast.Constant) and isinstance(statement.value.value, str))


def _changes_the_process(node: ast.AST) -> bool:
    if isinstance(node, ast.Name):
        return node.id in _PROCESS_CHANGES
    if isinstance(node, ast.Attribute):
        return node.attr in _PROCESS_CHANGES
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        names = [alias.name for alias in node.names] + [getattr(node, "module", None) or ""]
        return any(part in _PROCESS_CHANGES for name in names for part in name.split("."))
    return False


class InterpreterStopped(RuntimeError):
    """A preloaded interpreter ended while it still had a snippet to run."""


class _Request:
    def __init__(self):
        self.started, self.ended = threading.Event(), threading.Event()
        self.pid = self.status = None
        self.cpu = 0.0


class Interpreter:
    """One preloaded interpreter, started on first use; several snippets may run in it at once."""

    def __init__(self, preload: Preload, environment: dict[str, str]):
        self.preload = preload
        env = environment | ({"KERAS_BACKEND": preload.keras_backend} if preload.keras_backend else {})
        self._errors = tempfile.TemporaryFile(mode="w+")
        self._process = subprocess.Popen([sys.executable, str(SERVER), preload.module], stdin=subprocess.PIPE,
                                         stdout=subprocess.PIPE, stderr=self._errors, env=env, text=True,
                                         start_new_session=True)
        self._lock = threading.Lock()
        self._requests: dict[int, _Request] = {}
        self._next_id = 0
        threading.Thread(target=self._read_replies, name=f"rosetta-preloaded-{preload.module}", daemon=True).start()

    def run(self, path: Path, timeout: float, env: dict[str, str], on_start=None) -> processes.Finished:
        """What processes.run gives for `python <file>.py` from an empty folder: the same errors too."""
        with reader_folder(path) as copy, tempfile.TemporaryDirectory(prefix="rosetta-output-") as output:
            stdout, stderr = Path(output) / "stdout", Path(output) / "stderr"
            for output_file in (stdout, stderr):
                output_file.touch()
            request = self._send({"file": str(copy), "env": env, "stdout": str(stdout), "stderr": str(stderr)})
            deadline = time.monotonic() + timeout
            self._wait(request.started, deadline, timeout, path)
            if on_start:
                on_start(request.pid)  # its session's group: the scheduler stops and kills it like any job's
            try:
                self._wait(request.ended, deadline, timeout, path)
            except subprocess.TimeoutExpired:
                processes.kill_process_group(request.pid)
                request.ended.wait(processes.GRACE_SECONDS)
                raise
            finally:
                left_behind = processes.kill_leftovers(request.pid)
            if left_behind:
                raise processes.LeftoverProcesses(path.name)
            return processes.Finished([sys.executable, path.name], request.status, stdout.read_text(encoding="utf-8", errors="replace"),
                                      stderr.read_text(encoding="utf-8", errors="replace"), request.cpu)

    def own_cpu_seconds(self) -> float:
        """The processor time of the interpreter itself (its import; its snippets are counted by their jobs)."""
        try:
            fields = Path(f"/proc/{self._process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return 0.0
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime and stime

    def close(self) -> None:
        """End the interpreter; it kills any snippet of its own still running."""
        if self._process.stdin and not self._process.stdin.closed:
            try:
                self._process.stdin.close()
            except OSError:
                pass
        try:
            self._process.wait(timeout=processes.GRACE_SECONDS)
        except subprocess.TimeoutExpired:
            processes.kill_process_group(self._process.pid)
            self._process.wait()

    def _send(self, message: dict) -> _Request:
        with self._lock:
            self._next_id += 1
            request = self._requests[self._next_id] = _Request()
            try:
                self._process.stdin.write(json.dumps({"id": self._next_id, **message}) + "\n")
                self._process.stdin.flush()
            except (OSError, ValueError):  # it has ended, or was closed
                raise InterpreterStopped(self._why_it_stopped()) from None
        return request

    def _wait(self, event: threading.Event, deadline: float, timeout: float, path: Path) -> None:
        while not event.wait(0.05):
            if self._process.poll() is not None and not event.is_set():
                raise InterpreterStopped(self._why_it_stopped())
            if time.monotonic() > deadline:
                raise subprocess.TimeoutExpired([sys.executable, path.name], timeout)

    def _read_replies(self) -> None:
        for line in self._process.stdout:
            reply = json.loads(line)
            request = self._requests.get(reply["id"])
            if request is None:
                continue
            if "pid" in reply:
                request.pid = reply["pid"]
                request.started.set()
            else:
                request.status, request.cpu = reply["status"], reply["cpu"]
                request.ended.set()

    def _why_it_stopped(self) -> str:
        self._errors.seek(0)
        return (f"the preloaded {self.preload.name} interpreter stopped (status {self._process.poll()}): "
                f"{processes.last_line(self._errors.read())}")


class Interpreters:
    """The build's preloaded interpreters: one per Preload, started when a snippet first needs it."""

    def __init__(self, environment: dict[str, str]):
        self.environment = environment
        self._interpreters: dict[Preload, Interpreter] = {}
        self._lock = threading.Lock()
        self._closed = False
        self.used: dict[str, int] = {}  # preload name -> snippets run in it, for the build's summary

    def run(self, preload: Preload, path: Path, timeout: float, on_start=None) -> processes.Finished:
        """Run `path` in the interpreter for `preload`, in the environment the interpreters were made with."""
        with self._lock:
            if self._closed:
                raise InterpreterStopped("the build stopped before it ran")
            if preload not in self._interpreters:
                self._interpreters[preload] = Interpreter(preload, self.environment)
            interpreter = self._interpreters[preload]
            self.used[preload.name] = self.used.get(preload.name, 0) + 1
        return interpreter.run(path, timeout, self.environment, on_start)

    def own_cpu_seconds(self) -> float:
        return sum(interpreter.own_cpu_seconds() for interpreter in self._interpreters.values())

    def close(self) -> None:
        with self._lock:
            self._closed = True
            interpreters = list(self._interpreters.values())
        for interpreter in interpreters:
            interpreter.close()
