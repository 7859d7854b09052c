"""Render a table of facts (scripts/facts/*.toml) in which every cell is sourced or measured.

A cell is `{text, source}` - a public page, or a page of this site whose build shows the fact -
or `{text, measure}`, a value read from the installed packages when the page is built. A table
with a cell that is neither stops the build with one line naming the file, row and column.
"""

import sys
import tomllib
from importlib.metadata import version
from pathlib import Path
from urllib.parse import urlparse

from rosetta import paths
from rosetta.rendering.tables import markdown_table


def tensorflow_eager() -> str:
    import tensorflow as tf

    return f"`tf.executing_eagerly()` is {tf.executing_eagerly()}"


def onnxruntime_providers() -> str:
    import onnxruntime

    known = onnxruntime.get_all_providers()
    return f"{len(known)} known, {', '.join(onnxruntime.get_available_providers())} in this build"


MEASURES = {"tensorflow_eager": tensorflow_eager, "onnxruntime_providers": onnxruntime_providers}


class FactError(ValueError):
    """A cell that is neither sourced nor measured, or whose source or measure is unknown."""


def measured(name: str) -> str:
    if name.startswith("version:"):
        return " / ".join(f"{package} {version(package)}" for package in name.removeprefix("version:").split(","))
    if name not in MEASURES:
        raise FactError(f"unknown measure {name!r} (known: version:<package>, {', '.join(MEASURES)})")
    return MEASURES[name]()


def source_link(source: str, project: paths.Project) -> str:
    if source.startswith(("https://", "http://")):
        return f"[{urlparse(source).netloc.removeprefix('www.')}]({source})"
    page = source.split("#")[0]
    if not (project.docs / page).is_file():
        raise FactError(f"source {source!r} is neither a web address nor a page in docs/")
    return f"[shown on this site]({source})"


def render_cell(cell: dict, project: paths.Project | None = None) -> str:
    if "measure" in cell:
        return f"{cell['text']}: {measured(cell['measure'])} *(measured by this build)*"
    if "source" in cell:
        return f"{cell['text']} ({source_link(cell['source'], project or paths.current())})"
    raise FactError("has neither a source nor a measure")


def render(name: str, project: paths.Project | None = None) -> str:
    project = project or paths.current()
    path = project.facts / f"{name}.toml"
    table = tomllib.loads(path.read_text(encoding="utf-8"))
    columns = table["columns"]
    rows = []
    for row in table["rows"]:
        if len(row["cells"]) != len(columns):
            raise FactError(f"{path.name}: row {row['name']!r} has {len(row['cells'])} cells for {len(columns)} columns")
        rendered = []
        for column, cell in zip(columns, row["cells"]):
            try:
                rendered.append(render_cell(cell, project).replace("|", "\\|"))
            except FactError as error:
                raise FactError(f"{path.name}: row {row['name']!r}, column {column!r}: {error}") from None
        rows.append([f"**{row['name']}**", *rendered])
    return markdown_table(["", *columns], rows)


def print_table(name: str) -> None:
    """A fact-table generator's whole work; a bad table stops the build with one line."""
    try:
        print(render(name))
    except FactError as error:
        sys.exit(f"{Path(sys.argv[0]).name}: {error}")  # the generator that printed the table
    except (tomllib.TOMLDecodeError, KeyError) as error:
        sys.exit(f"{Path(sys.argv[0]).name}: {name}.toml is malformed: {error!r}")
