"""Render a table of facts (scripts/facts/*.toml) in which every cell is sourced or measured.

A cell is one of:
- `{text, measure}`: a value read from the installed packages when the page is built
  (`measure = "kind:argument"`, a kind of rosetta.installed.MEASURES, or a list of them);
- `{text, source}` with `source` a page of this site (optionally `#anchor`) whose build shows it;
- `{text, source, quote, checked}` with `source` a web address, `quote` the sentence of that page
  that supports the cell and `checked` the date someone read it there: both are required. A
  cell that needs a second citation lists it in `also = [{source, quote, checked}, ...]`.
The quote is rendered as a footnote (Material shows it as a tooltip), so a reader can judge the
citation without leaving the page; a citation checked more than six months before the build says
so in its footnote, and the build log lists it (`stale_citations`). A table with a cell that
breaks these rules stops the build with one line naming the file, row and column.
"""

import datetime
import re
import sys
import tomllib
from importlib.metadata import PackageNotFoundError
from pathlib import Path
from urllib.parse import urlparse

from rosetta import paths
from rosetta.installed import MEASURES, NotMeasurable
from rosetta.rendering.tables import markdown_table

CELL_KEYS = {"text", "measure", "source", "quote", "checked", "also"}
CITATION_KEYS = {"source", "quote", "checked"}
STALE_AFTER = datetime.timedelta(days=183)  # six months: a citation older than this at the build is re-read
# How a quoted citation states when it was read, in a table's footnotes and in prose: "checked 29 November 2026".
CHECKED_IN_TEXT = re.compile(r"\bchecked (\d{1,2} (?:January|February|March|April|May|June|July|August|September|October|November"
                             r"|December) \d{4})\b")


class FactError(ValueError):
    """A cell that breaks the rules above, named by the caller with its file, row and column."""


def measured(name: str) -> str:
    """The value of a `measure` ("kind" or "kind:argument"), read from the installed packages now."""
    kind, _, argument = name.partition(":")
    if kind not in MEASURES:
        raise FactError(f"unknown measure {name!r} (known kinds: {', '.join(MEASURES)})")
    try:
        return MEASURES[kind](argument)
    except NotMeasurable as error:
        raise FactError(f"measure {name!r}: {error}") from None
    except PackageNotFoundError as error:
        raise FactError(f"measure {name!r}: package {error.name!r} is not installed") from None


def is_web(source: str) -> bool:
    return source.startswith(("https://", "http://"))


def dates_checked(text: str) -> list[datetime.date]:
    """Every "checked <date>" in a page's text, oldest first."""
    return sorted(datetime.datetime.strptime(found, "%d %B %Y").date() for found in CHECKED_IN_TEXT.findall(text))


def is_stale(checked: datetime.date, today: datetime.date | None = None) -> bool:
    return checked < (today or datetime.date.today()) - STALE_AFTER


def checked_date(citation: dict) -> datetime.date:
    checked = citation["checked"]
    if not isinstance(checked, datetime.date) or isinstance(checked, datetime.datetime):
        raise FactError(f"checked = {checked!r} is not a date (write it bare, like 2026-11-29)")
    if checked > datetime.date.today():
        raise FactError(f"checked = {checked} is in the future")
    return checked


def verbatim(text: str) -> str:
    """Text shown as written, not read as Markdown: a quote's backticks and asterisks are the source's own."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"([\\`*_\[\]])", r"\\\1", text)


class Footnotes:
    """The quotes of one table, numbered in reading order, rendered as Markdown footnotes."""

    def __init__(self, prefix: str):
        self.prefix = prefix
        self.lines: list[str] = []

    def add(self, citation: dict, link: str) -> str:
        label = f"{self.prefix}-{len(self.lines) + 1}"
        quote = verbatim(" ".join(citation["quote"].split()))
        checked = checked_date(citation)
        age = ", more than six months before this build: due to be read again" if is_stale(checked) else ""
        self.lines.append(f'[^{label}]: "{quote}" ({link}, checked {checked:%-d %B %Y}{age})')
        return f"[^{label}]"

    def markdown(self) -> str:
        return "\n\n".join(self.lines)


def cite(citation: dict, project: paths.Project, footnotes: Footnotes | None) -> str:
    """One citation as a link, with its quote's footnote mark when it is a web page."""
    unknown = set(citation) - CITATION_KEYS
    if unknown:
        raise FactError(f"unknown key {sorted(unknown)[0]!r} in a citation (known: {', '.join(sorted(CITATION_KEYS))})")
    source = citation["source"]
    if is_web(source):
        link = f"[{urlparse(source).netloc.removeprefix('www.')}]({source})"
        missing = [what for key, what in (("quote", "a quote"), ("checked", "a checked date")) if key not in citation]
        if missing:
            raise FactError(f"cites {source} without {' and '.join(missing)}")
        if footnotes is None:
            checked_date(citation)
            return link
        return link + footnotes.add(citation, link)
    if "quote" in citation or "checked" in citation:
        raise FactError(f"quotes a page of this site ({source}): its build shows the fact, cite a web page to quote one")
    if not (project.docs / source.split("#")[0]).is_file():
        raise FactError(f"source {source!r} is neither a web address nor a page in docs/")
    return f"[shown on this site]({source})"


def citations(cell: dict) -> list[dict]:
    """A cited cell's citations, in reading order: its own, then those in `also` (none for a measured cell)."""
    own = {key: cell[key] for key in CITATION_KEYS if key in cell}
    return ([own] if own else []) + cell.get("also", [])


def render_cell(cell: dict, project: paths.Project | None = None, footnotes: Footnotes | None = None) -> str:
    unknown = set(cell) - CELL_KEYS
    if unknown:
        raise FactError(f"unknown key {sorted(unknown)[0]!r} (known: {', '.join(sorted(CELL_KEYS))})")
    if not isinstance(cell.get("text"), str) or not cell["text"].strip():
        raise FactError("has no text")
    if "measure" in cell:
        if set(cell) & CITATION_KEYS:
            raise FactError("is measured and cited at once: keep one")
        names = cell["measure"] if isinstance(cell["measure"], list) else [cell["measure"]]
        if not names or not all(isinstance(name, str) for name in names):
            raise FactError(f"measure = {cell['measure']!r} is neither a measure's name nor a list of names")
        return f"{cell['text']}: {'; '.join(measured(name) for name in names)} *(measured by this build)*"
    if "source" not in cell:
        raise FactError("has neither a source nor a measure")
    project = project or paths.current()
    return f"{cell['text']} ({', '.join(cite(citation, project, footnotes) for citation in citations(cell))})"


def read_table(name: str, project: paths.Project | None = None) -> dict:
    return tomllib.loads(((project or paths.current()).facts / f"{name}.toml").read_text(encoding="utf-8"))


def stale_citations(name: str, project: paths.Project | None = None, today: datetime.date | None = None) -> list[str]:
    """The web citations of a table checked more than six months before `today`, one line each."""
    table = read_table(name, project)
    return [f"{name}.toml: row {row['name']!r}, column {column!r}: {citation['source']} checked {citation['checked']}"
            for row in table["rows"] for column, cell in zip(table["columns"], row["cells"])
            for citation in citations(cell)
            if is_web(citation["source"]) and isinstance(citation.get("checked"), datetime.date) and is_stale(citation["checked"], today)]


def render(name: str, project: paths.Project | None = None) -> str:
    """The table as Markdown, followed by the footnotes holding its quotes."""
    project = project or paths.current()
    path = project.facts / f"{name}.toml"
    table = read_table(name, project)
    columns = table["columns"]
    footnotes = Footnotes(name)
    rows = []
    for row in table["rows"]:
        if len(row["cells"]) != len(columns):
            raise FactError(f"{path.name}: row {row['name']!r} has {len(row['cells'])} cells for {len(columns)} columns")
        rendered = []
        for column, cell in zip(columns, row["cells"]):
            try:
                rendered.append(render_cell(cell, project, footnotes).replace("|", "\\|"))
            except FactError as error:
                raise FactError(f"{path.name}: row {row['name']!r}, column {column!r}: {error}") from None
        rows.append([f"**{row['name']}**", *rendered])
    return markdown_table(["", *columns], rows) + ("\n\n" + footnotes.markdown() if footnotes.lines else "")


def print_table(name: str) -> None:
    """A fact-table generator's whole work; a bad table stops the build with one line."""
    try:
        print(render(name))
    except FactError as error:
        sys.exit(f"{Path(sys.argv[0]).name}: {error}")  # the generator that printed the table
    except (tomllib.TOMLDecodeError, KeyError) as error:
        sys.exit(f"{Path(sys.argv[0]).name}: {name}.toml is malformed: {error!r}")
