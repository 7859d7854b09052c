"""The engine as a package: importable everywhere, inert on import, small files, adapters up to date."""

import importlib
import re

import pytest

from rosetta.paths import PACKAGE, REPO
from rosetta.site import adapters

MODULES = sorted(".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts).removesuffix(".__init__")
                 for path in PACKAGE.rglob("*.py"))
LONGEST = 300


@pytest.mark.parametrize("module", MODULES)
def test_nothing_in_the_engine_runs_on_import(module, capfd):
    importlib.import_module(module)
    assert capfd.readouterr() == ("", "")


def test_no_file_of_the_project_is_over_300_lines():
    code = [*REPO.glob("scripts/**/*.py"), *REPO.glob("tests/**/*.py")]
    long = {path.relative_to(REPO).as_posix(): n for path in code if (n := len(path.read_text(encoding="utf-8").splitlines())) > LONGEST}
    assert not long


def test_nothing_reaches_the_engine_through_sys_path_edits():
    code = [*REPO.glob("scripts/**/*.py"), *REPO.glob("tests/**/*.py")]
    edits = [path.relative_to(REPO).as_posix() for path in code if re.search(r"sys\.path\.(insert|append)", path.read_text(encoding="utf-8"))]
    assert not edits


def test_the_adapters_were_written_for_the_locked_versions():
    assert adapters.outdated() == [], "read scripts/rosetta/site/adapters.py against the new releases, then update WRITTEN_FOR"
