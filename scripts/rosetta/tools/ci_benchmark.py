"""CI measured as CI runs it: a fresh clone of a commit, its environment created, then `CI=true bash .ci/run`.

The environment's creation (the venv from the lock, node_modules) is timed apart: the budget
covers the tests, the build they make included, on a machine whose packages are to be installed.
"""

import os
import re
import subprocess
import tempfile
import time
from pathlib import Path

from rosetta.paths import REPO

ENVIRONMENT_TARGETS = [".venv/.installed-engine", "node_modules/.installed-from-lock"]


def timed(command: list[str], cwd: Path, env: dict, log) -> tuple[float, subprocess.CompletedProcess]:
    started = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT, text=True)
    return time.perf_counter() - started, done


def measure(commit: str, log_path: Path, progress=print) -> dict:
    """Seconds to create the environment and to run .ci/run on a fresh clone of `commit`, the tests' summary
    line, and the seconds the tests waited for their site build after the tests that do not read it."""
    env = {name: value for name, value in os.environ.items() if not name.startswith(("MAKE", "ROSETTA_", "VIRTUAL_ENV"))}
    env["CI"] = "true"
    with tempfile.TemporaryDirectory(prefix="rosetta-ci-") as workdir, open(log_path, "w", encoding="utf-8") as log:
        clone = Path(workdir) / "clone"
        subprocess.run(["git", "clone", "--quiet", str(REPO), str(clone)], check=True)
        subprocess.run(["git", "checkout", "--quiet", commit], cwd=clone, check=True)
        progress(f"creating the environment in {clone}...")
        environment_seconds, made = timed(["make", *ENVIRONMENT_TARGETS], clone, env, log)
        if made.returncode != 0:
            raise RuntimeError(f"creating the environment failed: see {log_path}")
        progress("running CI=true bash .ci/run...")
        ci_seconds, ran = timed(["bash", ".ci/run"], clone, env, log)
    text = log_path.read_text(encoding="utf-8")
    tests = re.findall(r"=+ (\d+ (?:passed|failed).*? in [\d.]+s.*?) =+", text)
    # The build runs beside the tests that do not read it; the first that does waits for the rest of it in
    # its setup (pytest's --durations lists it).
    waited = re.findall(r"([\d.]+)s setup\s+tests/(?:site|snippets)/", text)
    return {"commit": commit, "environment_seconds": environment_seconds, "ci_seconds": ci_seconds, "ci_status": ran.returncode,
            "site_build_wait_seconds": max(map(float, waited)) if waited else None, "tests": tests[-1] if tests else ""}
