"""What a build executes, read from its pages before any is rendered: the file of every exec block,
and every notebook run (each notebook page, plus the Keras notebook on its other backends)."""

import re
from dataclasses import dataclass
from pathlib import Path

from rosetta.paths import Project
from rosetta.site.notebooks import is_notebook
from rosetta.vocabulary import KERAS_BACKENDS

_OPENER = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,})\s*(?:python|py)\b(?P<options>.*)$")
_EXECUTED = re.compile(r"""\bexec=["']?(?:1|true|yes|on)\b""", re.IGNORECASE)
_SHOWN = re.compile(r"\bsource=")  # markdown-exec shows the code (above, below, in a tab...)
INCLUDE = re.compile(r"""^\s*--8<--\s+["']([^"']+)["']""", re.MULTILINE)  # pymdownx.snippets' include line
DEFAULT_BACKEND = "tensorflow"  # Keras's own default: the run the notebook page shows


@dataclass(frozen=True)
class NotebookRun:
    path: Path
    backend: str | None  # KERAS_BACKEND for the run; None: the environment's default

    def name(self, project: Project) -> str:
        name = project.relative(self.path)
        return f"{name} [KERAS_BACKEND={self.backend}]" if self.backend else name


def executed_files(markdown: str, project: Project) -> list[Path]:
    """The files a page's exec fences include, in order (a fence that includes none is not listed)."""
    return [path for _, path in _exec_includes(markdown, project)]


def shown_files(markdown: str, project: Project) -> list[Path]:
    """The files whose source a page shows: those its exec fences include with a `source` option."""
    return [path for options, path in _exec_includes(markdown, project) if _SHOWN.search(options)]


def _exec_includes(markdown: str, project: Project):
    """(the fence's options, an existing file it includes) for each include line of each exec fence."""
    lines, index = markdown.splitlines(), 0
    while index < len(lines):
        opener = _OPENER.match(lines[index])
        index += 1
        if not opener or not _EXECUTED.search(opener["options"]):
            continue
        closing = opener["indent"] + opener["fence"]
        while index < len(lines) and not lines[index].startswith(closing):
            include = INCLUDE.match(lines[index])
            if include and (project.root / include[1]).is_file():
                yield opener["options"], (project.root / include[1]).resolve()
            index += 1


def notebook_runs(notebook_pages: list[Path]) -> list[NotebookRun]:
    """Each notebook page's run, and the Keras notebook once more on each backend other than the default."""
    runs = [NotebookRun(path, None) for path in notebook_pages]
    runs += [NotebookRun(path, backend) for path in notebook_pages if path.stem.endswith("_keras")
             for backend in KERAS_BACKENDS if backend != DEFAULT_BACKEND]
    return runs


def notebook_pages(files) -> list[Path]:
    return [Path(file.abs_src_path).resolve() for file in files.documentation_pages() if is_notebook(file.src_uri)]


def nav_order(nav) -> list[str]:
    """The pages of a MkDocs nav (its raw configuration), in reading order."""
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, dict):
        return [page for value in nav.values() for page in nav_order(value)]
    if isinstance(nav, list):
        return [page for item in nav for page in nav_order(item)]
    return []


def in_reading_order(pages, nav) -> list:
    """Pages (MkDocs files) in the nav's order, the others after them: the home page's blocks run first."""
    order = {src: index for index, src in enumerate(nav_order(nav))}
    return sorted(pages, key=lambda page: order.get(page.src_uri, len(order)))
