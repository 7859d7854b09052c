"""The snippet tier: each snippets/<topic>/ has a test module test_<topic>.py with its EXPECTATIONS.

Every test that takes `snippet` (made by support.expectations_test) runs once for each file of
its module's topic folder, and once for each expectation that names no file: a snippet without
an expectation, or an expectation without its snippet, fails by name. Snippets run as a reader
runs them (`python file.py` in an empty folder), each once per session.
"""

from pathlib import Path


from rosetta.paths import REPO

SNIPPETS = REPO / "snippets"


def topic_of(module) -> str:
    return Path(module.__file__).stem.removeprefix("test_")


def pytest_generate_tests(metafunc):
    if "snippet" in metafunc.fixturenames:
        folder = SNIPPETS / topic_of(metafunc.module)
        names = sorted({path.name for path in folder.glob("*.py")} | set(metafunc.module.EXPECTATIONS))
        metafunc.parametrize("snippet", [folder / name for name in names], ids=names)
