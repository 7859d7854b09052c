"""The project's own machinery: the lock, the workflows, the bootstrap's error on a wrong Python."""

import importlib.util
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.version import Version

from rosetta.paths import REPO

ACTIONLINT = Path(sys.executable).parent / "actionlint"


def locked_versions() -> dict[str, Version]:
    pins = {}
    for line in (REPO / "requirements.lock").read_text().splitlines():
        if line and not line.startswith("#"):
            name, _, version = line.partition("==")
            assert version, f"requirements.lock: {line!r} is not pinned with =="
            pins[name.lower().replace("_", "-")] = Version(version)
    return pins


def test_the_lock_pins_every_declared_dependency_within_its_range():
    pins = locked_versions()
    declared = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["dependencies"]
    for requirement in map(Requirement, declared):
        name = requirement.name.lower().replace("_", "-")
        assert name in pins, f"{name} is in pyproject.toml but not in requirements.lock: run make lock"
        assert requirement.specifier.contains(pins[name], prereleases=True), f"{name}=={pins[name]} breaks {requirement}"


def test_the_lock_pins_the_cpu_build_of_torch():
    assert str(locked_versions()["torch"]) == "2.13.0+cpu"


def run_actionlint(folder: Path) -> subprocess.CompletedProcess:
    workflows = sorted(str(path) for path in (folder / ".github" / "workflows").glob("*.yml"))
    assert workflows, f"no workflow in {folder}"
    return subprocess.run([str(ACTIONLINT), "-no-color", *workflows], capture_output=True, text=True)


def test_workflows_pass_actionlint():
    lint = run_actionlint(REPO)
    assert (lint.returncode, lint.stdout) == (0, ""), lint.stdout


def test_actionlint_catches_a_broken_workflow(tmp_path):
    (tmp_path / ".github" / "workflows").mkdir(parents=True)
    shutil.copy(REPO / ".github" / "workflows" / "test.yml", tmp_path / ".github" / "workflows")
    broken = tmp_path / ".github" / "workflows" / "test.yml"
    broken.write_text(broken.read_text().replace("runs-on: ubuntu-24.04", "runs-on: ${{ matrix.os }}"))
    lint = run_actionlint(tmp_path)
    assert lint.returncode == 1 and "matrix" in lint.stdout


def test_workflows_test_and_deploy_with_the_readme_commands():
    test = (REPO / ".github" / "workflows" / "test.yml").read_text()
    pages = (REPO / ".github" / "workflows" / "pages.yml").read_text()
    assert "make test" in test and "pull_request" in test
    assert "make build" in pages and "actions/deploy-pages" in pages
    assert "make test" in (REPO / ".ci" / "run").read_text()


def test_make_without_python_3_11_says_so_in_one_line(tmp_path):
    for name in ("Makefile", "requirements.lock"):
        shutil.copy(REPO / name, tmp_path)  # a copy: the real .venv is never at risk
    env = {name: value for name, value in os.environ.items() if not name.startswith("MAKE")}  # not a sub-make
    make = subprocess.run(["make", "test", "PYTHON=/nowhere/python3.11"], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert make.returncode != 0
    ours = [line for line in make.stderr.splitlines() if not line.startswith("make: ***")]  # make's own trailer
    assert ours == ["make: Python 3.11 is needed, but '/nowhere/python3.11' is missing or another version; "
                    "run make PYTHON=/path/to/python3.11"]
    assert not (tmp_path / ".venv").exists()


def test_readme_quick_start_opens_with_the_two_commands():
    readme = (REPO / "README.md").read_text()
    quick_start = readme.split("## Quick start", 1)[1].split("##", 1)[0]
    first_block = quick_start.split("```", 2)[1]
    assert [line for line in first_block.splitlines()[1:] if line.strip()] == ["make serve", "make test"]


def test_make_test_fast_runs_the_unit_tier_and_make_test_every_tier():
    env = {name: value for name, value in os.environ.items() if not name.startswith("MAKE")}
    dry = {target: subprocess.run(["make", "-n", target], cwd=REPO, env=env, capture_output=True, text=True).stdout.splitlines()
           for target in ("test-fast", "test")}
    assert dry["test-fast"][-1].endswith("python -m pytest -m unit")
    assert dry["test"][-1].endswith("python -m pytest")


def test_the_installer_hands_the_places_pip_looks_to_uv():
    spec = importlib.util.spec_from_file_location("install_lock", REPO / "scripts" / "install_lock.py")
    install_lock = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(install_lock)
    configuration = ("global.cert='/etc/ssl/certs/ca-certificates.crt'\n"
                     ":env:.find-links='/opt/wheels'\n"
                     ":env:.extra-index-url='https://download.pytorch.org/whl/cpu'\n"
                     "global.extra-index-url='file:///opt/pypi/simple file:///opt/pypi-more/simple'\n"
                     "global.find-links='/opt/wheels'\n")
    assert install_lock.pip_locations(configuration) == [
        "--find-links", "/opt/wheels", "--extra-index-url", "https://download.pytorch.org/whl/cpu",
        "--extra-index-url", "file:///opt/pypi/simple", "--extra-index-url", "file:///opt/pypi-more/simple"]
    assert install_lock.pip_locations("global.cert='/etc/ssl/certs/ca-certificates.crt'\n") == []


def test_the_environment_was_installed_by_the_lock_s_uv():
    uv = subprocess.run([Path(sys.executable).parent / "uv", "--version"], capture_output=True, text=True, check=True)
    assert uv.stdout.split()[:2] == ["uv", str(locked_versions()["uv"])]
