"""Helpers the tiers share (not tests): a strict build as `make build` runs it, and reading built pages."""

import importlib.util
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse

import psutil
from bs4 import BeautifulSoup

from rosetta.execution.reader import reader_environment
from rosetta.paths import REPO


class Build:
    """A strict build of `project` as `make build` runs it (fresh unless a cache is given), with `variables`
    set, started at once. Its output goes to files, not pipes: a build never waits for its reader."""

    def __init__(self, project: Path, site_dir: Path, cache_dir: Path | None = None, **variables: str):
        env = reader_environment() | {"NO_MKDOCS_2_WARNING": "1"}
        for name in ("ROSETTA_CACHE", "ROSETTA_JOBS", "ROSETTA_RECORDS"):
            env.pop(name, None)
        if cache_dir:
            env["ROSETTA_CACHE"] = str(cache_dir)
        env |= variables
        self._output = tempfile.TemporaryFile("w+"), tempfile.TemporaryFile("w+")
        self.process = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
                                        cwd=project, env=env, stdout=self._output[0], stderr=self._output[1], text=True,
                                        start_new_session=True)

    def wait(self, timeout: float = 3600) -> subprocess.CompletedProcess:
        try:
            self.process.wait(timeout)
        finally:
            self.stop()
        stdout, stderr = (self._read(output) for output in self._output)
        return subprocess.CompletedProcess(self.process.args, self.process.returncode, stdout, stderr)

    def stop(self) -> None:
        """Kill the build and whatever it started, if it is still running."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()

    @staticmethod
    def _read(output) -> str:
        output.seek(0)
        return output.read()


def mkdocs_build(project: Path, site_dir: Path, cache_dir: Path | None = None, **variables: str) -> subprocess.CompletedProcess:
    """A strict build of `project` as `make build` runs it, waited for."""
    return Build(project, site_dir, cache_dir, **variables).wait()


def why_it_failed(run: subprocess.CompletedProcess, tail: int = 3000) -> str:
    """What a failed build said: its warnings and errors wherever they were logged (strict mode reports the
    culprit early and aborts at the end, on stdout), then the end of its log."""
    flagged = [line for line in run.stderr.splitlines() if line.startswith(("WARNING", "ERROR")) or "Traceback" in line]
    return "\n".join(["warnings and errors:", *flagged, "stdout:", run.stdout[-1000:], "end of the log:", run.stderr[-tail:]])


def pages(site: Path) -> list[Path]:
    """Every page of a built site (not the search index's own files)."""
    return sorted(path for path in site.rglob("index.html") if "search" not in path.parts)


def parse(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def page_paths(site: Path) -> list[str]:
    """Each page's path on the site: '' for the home page, 'jobs/' and so on."""
    return [page.parent.relative_to(site).as_posix() + "/" if page.parent != site else "" for page in pages(site)]


def numbers_after(label: str, text: str) -> list[float]:
    """Every number printed on the lines of a snippet's output that start with `label`."""
    lines = [line for line in text.splitlines() if line.startswith(label)]
    assert lines, f"no line starting with {label!r} in:\n{text}"
    return [float(n) for line in lines for n in re.findall(r"-?\d+\.?\d*(?:e-?\d+)?", line[len(label):])]


def expectations_test(expectations: dict):
    """The test of a snippet module (tests/snippets/test_<topic>.py): each snippet of the topic's output,
    as the build recorded it (or as a reader's run prints it), checked by the expectation registered
    for its file name."""
    def test_prints_what_the_page_promises(snippet: Path, snippet_output):
        topic = snippet.parent.name
        assert snippet.is_file(), f"tests/snippets/test_{topic}.py expects snippets/{topic}/{snippet.name}, which does not exist"
        expectation = expectations.get(snippet.name)
        assert expectation, f"snippets/{topic}/{snippet.name} has no expectation in tests/snippets/test_{topic}.py"
        run = snippet_output(snippet)
        assert run.returncode == 0, f"snippets/{topic}/{snippet.name} failed:\n{run.stderr[-3000:]}"
        expectation(run.stdout)
    return test_prints_what_the_page_promises


def load_generator(name: str):
    """A page generator's module, imported without running it (each runs only under `if __name__ == "__main__"`)."""
    spec = importlib.util.spec_from_file_location(f"generator_{name}", REPO / "scripts" / "generators" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def is_foreign(url: str) -> bool:
    """Whether the browser asked a host other than the test server (127.0.0.1) for it."""
    return not url.startswith(("data:", "blob:")) and urlparse(url).hostname != "127.0.0.1"


def assert_gone(pid: int) -> None:
    """Process `pid` ends within 10 s (a zombie waiting for init to reap it counts as ended)."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            if psutil.Process(pid).status() == psutil.STATUS_ZOMBIE:
                return  # dead, waiting for init to reap it
        except psutil.NoSuchProcess:
            return
        time.sleep(0.1)
    raise AssertionError(f"process {pid} is still running: {os.popen(f'ps -o pid,pgid,cmd -p {pid}').read()}")
