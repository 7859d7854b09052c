"""An interpreter that has imported a framework once and runs each snippet in a fork of itself.

    python preloaded_interpreter.py MODULE

Importing TensorFlow costs about 5 s and PyTorch about 1.5 s before a snippet does anything;
the build runs dozens of snippets that import the same framework. This process imports MODULE
once, in the environment it was started with (the reader's, and KERAS_BACKEND when MODULE is
keras), then reads requests from stdin, one JSON object per line:

    {"id": 1, "file": "/tmp/x/name.py", "env": {...}, "stdout": "/path", "stderr": "/path"}

For each it forks a child that becomes what `python name.py` would be: a session of its own, the
file's folder as working directory and sys.path[0], argv [name.py], stdin /dev/null, the given
environment and output files, fresh random generators, the file run as __main__, an uncaught
exception printed as Python prints it (exit status 1), atexit handlers run. It answers on stdout
with {"id": 1, "pid": ...} as soon as the child exists and {"id": 1, "status": ..., "cpu": ...}
when it has ended (cpu: the child's processor seconds, from wait4). The only state a child shares
with the others is MODULE's import, made before any of them ran. stdin closing ends it, and it
kills any child still running.
"""

import importlib
import json
import os
import select
import signal
import sys
import types

POLL_SECONDS = 0.02


def main(module: str) -> None:
    replies = os.fdopen(os.dup(1), "w", buffering=1)
    os.dup2(2, 1)  # what the import prints must not reach the replies
    importlib.import_module(module)
    children: dict[int, int] = {}  # pid -> request id
    pending = b""
    while True:
        readable, _, _ = select.select([0], [], [], POLL_SECONDS)
        if readable:
            chunk = os.read(0, 65536)
            if not chunk:
                break
            pending += chunk
            *lines, pending = pending.split(b"\n")
            for line in filter(None, lines):
                request = json.loads(line)
                pid = os.fork()
                if pid == 0:
                    replies.close()
                    os._exit(_become_the_snippet(request))
                children[pid] = request["id"]
                replies.write(json.dumps({"id": request["id"], "pid": pid}) + "\n")
        _reap(children, replies)
    for pid in children:
        _kill_session(pid)


def _reap(children: dict[int, int], replies) -> None:
    while children:
        pid, status, usage = os.wait4(-1, os.WNOHANG)
        if not pid:
            return
        replies.write(json.dumps({"id": children.pop(pid), "status": os.waitstatus_to_exitcode(status),
                                  "cpu": usage.ru_utime + usage.ru_stime}) + "\n")


def _kill_session(pid: int) -> None:
    try:
        os.killpg(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def _become_the_snippet(request: dict) -> int:
    os.setsid()  # its own process group, as the build gives every job: stopped and killed as one
    path = request["file"]
    folder = os.path.dirname(path)
    os.environ.clear()
    os.environ.update(request["env"])
    for descriptor, target, flags in ((0, os.devnull, os.O_RDONLY), (1, request["stdout"], os.O_WRONLY),
                                      (2, request["stderr"], os.O_WRONLY)):
        opened = os.open(target, flags)
        os.dup2(opened, descriptor)
        os.close(opened)
    os.chdir(folder)
    sys.argv = [os.path.basename(path)]
    sys.path[0] = folder
    _fresh_random_generators()
    status = _run_as_main(path)
    try:
        import threading

        threading._shutdown()  # what the interpreter does at exit: wait for the file's own threads
        import atexit

        atexit._run_exitfuncs()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
    return status


def _fresh_random_generators() -> None:
    """A fresh interpreter seeds Python's and NumPy's global generators from the system; a fork would
    inherit this process's state, the same in every child."""
    import random

    random.seed()
    if "numpy" in sys.modules:
        sys.modules["numpy"].random.seed()


def _run_as_main(path: str) -> int:
    main_module = types.ModuleType("__main__")
    main_module.__file__ = path
    main_module.__builtins__ = __builtins__
    sys.modules["__main__"] = main_module
    with open(path, "rb") as source:
        code = compile(source.read(), path, "exec")
    try:
        exec(code, main_module.__dict__)
    except SystemExit as leaving:
        return _exit_status(leaving.code)
    except BaseException:
        kind, error, trace = sys.exc_info()
        error.__traceback__ = trace.tb_next  # the traceback starts at the file, as Python prints it
        sys.excepthook(kind, error, trace.tb_next)
        return 1
    return 0


def _exit_status(code) -> int:
    """sys.exit's argument as the interpreter turns it into a status."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    print(code, file=sys.stderr)
    return 1


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("preloaded_interpreter.py: give the module to import once, e.g. tensorflow")
    main(sys.argv[1])
