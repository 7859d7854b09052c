"""`make serve` driven from outside: start it on a free port, read its pages as they change, stop it.

Used by the test of make serve's background build and by the first-page benchmark.
"""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start(project_root: Path, cache_dir: Path, port: int, log: Path) -> subprocess.Popen:
    """`mkdocs serve` as make serve runs it (ROSETTA_CACHE, ROSETTA_SERVE), in a process group of its own."""
    env = {name: value for name, value in os.environ.items() if not name.startswith("ROSETTA_")}
    env |= {"ROSETTA_CACHE": str(cache_dir), "ROSETTA_SERVE": "1", "NO_MKDOCS_2_WARNING": "1"}
    with open(log, "w", encoding="utf-8") as output:
        return subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}", "--livereload"],
                                cwd=project_root, env=env, stdout=output, stderr=subprocess.STDOUT, start_new_session=True,
                                # Ctrl-C must reach it, even when this runs in a background job (which ignores SIGINT)
                                preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))


def page(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(url: str, accept, timeout: float, server: subprocess.Popen) -> float:
    """Seconds until the page at `url` satisfies `accept(text)`; raises TimeoutError, or RuntimeError if the server ended."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if server.poll() is not None:
            raise RuntimeError(f"mkdocs serve ended with status {server.returncode}")
        text = page(url)
        if text is not None and accept(text):
            return time.monotonic() - started
        time.sleep(0.25)
    raise TimeoutError(f"{url} did not become ready within {timeout:.0f} s")


def stop(server: subprocess.Popen) -> None:
    """Stop the server as Ctrl-C does, so that it shuts its background build down."""
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGINT)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
