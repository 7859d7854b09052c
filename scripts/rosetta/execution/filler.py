"""make serve's background build: it fills the author cache while the pages are already served.

`make serve` never waits for a block: a block whose result is not in the cache shows a
placeholder, and one strict build in a separate process (`mkdocs build` with the same cache) runs
what is missing, on all cores. As its jobs finish it touches a file in SIGNAL_FOLDER, which
`mkdocs serve` watches: the serve rebuilds from the cache, and the placeholders fill in. One fill
at a time; a block that failed is cached as a failure, so that it is shown, not run again and again.
"""

import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from rosetta import processes

SIGNAL_VARIABLE = "ROSETTA_FILL_SIGNAL"
SIGNAL_FOLDER = "fill-signal"  # inside the cache folder
LOG = "fill.log"  # inside the cache folder: the background build's whole output
SIGNAL_EVERY = 10.0  # seconds between two signals (each makes the served site rebuild)
STOP_GRACE = 15.0  # seconds the background build has to stop its blocks when the server stops


class Filler:
    def __init__(self, project_root: Path, cache_dir: Path):
        self.project_root, self.cache_dir = project_root, cache_dir
        self.process: subprocess.Popen | None = None
        self._site = None

    @property
    def signal_folder(self) -> Path:
        return self.cache_dir / SIGNAL_FOLDER

    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def ensure_running(self) -> bool:
        """Start a background build unless one runs; say whether one was started."""
        if self.running():
            return False
        self.signal_folder.mkdir(parents=True, exist_ok=True)
        self._site = tempfile.TemporaryDirectory(prefix="rosetta-fill-")
        env = {name: value for name, value in os.environ.items() if name != "ROSETTA_SERVE"}
        env |= {"ROSETTA_CACHE": str(self.cache_dir), SIGNAL_VARIABLE: str(self.signal_folder), "NO_MKDOCS_2_WARNING": "1"}
        with open(self.cache_dir / LOG, "w", encoding="utf-8") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", self._site.name],
                cwd=self.project_root, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
                preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),  # stop() interrupts it
            )
        return True

    def wait(self, timeout: float) -> int:
        return self.process.wait(timeout=timeout)

    def stop(self) -> None:
        """Stop the background build as Ctrl-C would, so that it stops the blocks it runs; kill it if it lingers."""
        if self.running():
            started = processes.descendants(self.process.pid)  # its blocks run in sessions of their own
            os.killpg(self.process.pid, signal.SIGINT)
            try:
                self.process.wait(timeout=STOP_GRACE)
            except subprocess.TimeoutExpired:
                # Stopped by a neighbour's timing, say (rosetta.execution.alone), it could not stop its blocks.
                processes.kill_process_group(self.process.pid)
                self.process.wait()
            processes.kill_all(started)
        if self._site:
            self._site.cleanup()
            self._site = None


def signaller():
    """In the background build: a function that touches the signal file, at most every SIGNAL_EVERY seconds
    (and whenever `last`), or None when this build is not a fill."""
    folder = os.environ.get(SIGNAL_VARIABLE)
    if not folder:
        return None
    state = {"last": 0.0}

    def touch(last: bool = False) -> None:
        now = time.monotonic()
        if last or now - state["last"] >= SIGNAL_EVERY:
            state["last"] = now
            stamp = Path(folder) / "stamp"
            stamp.parent.mkdir(parents=True, exist_ok=True)
            stamp.write_text(f"{time.time()}\n", encoding="utf-8")
    return touch
