"""Code fits: no line of code a page shows is wider than the column the site's CSS gives code at
1280 px (docs/stylesheets/site.css; the browser measures it on every page in tests/site/test_weight.py)."""

import jupytext

from rosetta.paths import Project, REPO
from rosetta.site.plan import shown_files

CODE_COLUMNS = 88  # characters of a code line shown whole at 1280 px, in snippets and notebooks alike


def too_wide(path, lines) -> list[str]:
    return [f"{path.relative_to(REPO)}:{number} has {len(line)} characters" for number, line in lines if len(line) > CODE_COLUMNS]


def test_every_file_a_page_shows_has_lines_of_at_most_88_characters():
    project = Project(REPO)
    shown = {path for page in project.docs.rglob("*.md") for path in shown_files(page.read_text(encoding="utf-8"), project)}
    assert len(shown) > 50, "the pages show their snippets"
    wide = [problem for path in sorted(shown)
            for problem in too_wide(path, enumerate(path.read_text(encoding="utf-8").splitlines(), 1))]
    assert not wide, "\n".join(wide)


def test_every_notebook_code_cell_has_lines_of_at_most_88_characters():
    notebooks = sorted(Project(REPO).notebooks.glob("*.py"))
    assert notebooks
    wide = []
    for path in notebooks:
        code = [cell.source for cell in jupytext.read(path).cells if cell.cell_type == "code"]
        wide += too_wide(path, [(f"cell {cell}, line {number}", line) for cell, source in enumerate(code, 1)
                                for number, line in enumerate(source.splitlines(), 1)])
    assert not wide, "\n".join(wide)
