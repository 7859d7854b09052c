"""Gates over all snippets: each topic has its test module, each file is named by the convention and
shown on a page. (Each file's expectation is checked by its topic's module: see conftest.py.)"""

import re

import pytest

from rosetta.paths import REPO
from rosetta.vocabulary import FRAMEWORKS

SNIPPETS = REPO / "snippets"
SNIPPET_FILES = sorted(SNIPPETS.rglob("*.py"))
LIBRARY_NAMES = {"torch", "tensorflow", "keras", "onnx", "onnxruntime", "numpy", "plotly", "sklearn", "tf2onnx"}
INCLUDE = re.compile(r"""--8<--\s+["']([^"']+)["']""")


def snippet_id(path) -> str:
    return path.relative_to(SNIPPETS).as_posix()


def test_every_topic_has_its_test_module():
    topics = {folder.name for folder in SNIPPETS.iterdir() if folder.is_dir()}
    modules = {path.stem.removeprefix("test_") for path in (REPO / "tests" / "snippets").glob("test_*.py")}
    assert topics - modules == set(), "a snippets/<topic>/ folder needs tests/snippets/test_<topic>.py"


@pytest.mark.parametrize("path", SNIPPET_FILES, ids=snippet_id)
def test_snippet_name_follows_the_convention(path):
    example, _, framework = path.stem.rpartition("_")
    assert example and framework in FRAMEWORKS, f"{path.name}: name it <example>_<framework>.py, framework one of {', '.join(FRAMEWORKS)}"
    assert path.parent.parent == SNIPPETS, f"{path}: snippets live in snippets/<topic>/"
    assert path.stem not in LIBRARY_NAMES and path.parent.name not in LIBRARY_NAMES


def test_every_snippet_is_included_by_a_page():
    included = {
        (REPO / match).resolve()
        for page in (REPO / "docs").rglob("*.md")
        for match in INCLUDE.findall(page.read_text(encoding="utf-8"))
    }
    orphans = [snippet_id(path) for path in SNIPPET_FILES if path.resolve() not in included]
    assert not orphans, f"snippets included by no page: {orphans}"


@pytest.mark.parametrize("path", SNIPPET_FILES, ids=snippet_id)
def test_no_snippet_imports_the_build_engine(path):
    """A snippet is what a reader copies: it runs with the pinned packages alone, never the project's code."""
    source = path.read_text(encoding="utf-8")
    assert not re.search(r"^\s*(from|import)\s+rosetta\b", source, re.MULTILINE), f"{snippet_id(path)} imports rosetta"
