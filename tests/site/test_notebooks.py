"""The digits notebooks: built and executed into pages, offered as .ipynb, and runnable by a reader."""

import re

import nbformat
import pytest
from bs4 import BeautifulSoup

from rosetta import records
from rosetta.paths import REPO
from rosetta.site.notebooks import source_key

NOTEBOOKS = sorted((REPO / "docs" / "notebooks").glob("*.py"))
ACCURACY_BAR = 0.95
INLINE_CSS_BUDGET = 40_000  # characters: the rules a notebook page uses (rosetta.site.notebook_css)


def notebook_id(path):
    return path.stem


@pytest.mark.parametrize("source", NOTEBOOKS, ids=notebook_id)
def test_notebook_page_ran_every_cell_and_draws_its_chart_locally(site, source):
    page = BeautifulSoup((site / "notebooks" / source.stem / "index.html").read_text(encoding="utf-8"), "html.parser")
    article = page.select_one("article")
    prompts = [prompt.get_text(strip=True) for prompt in article.select(".jp-InputPrompt")]
    code_prompts = [text for text in prompts if text]  # Markdown cells have empty prompts
    assert code_prompts and all(re.fullmatch(r"In\xa0?\[\d+\]:", text) for text in code_prompts), code_prompts
    text = article.get_text(" ")
    accuracy = float(re.search(r"final test accuracy ([01]\.\d+)", text).group(1))  # the output, not the code
    assert accuracy >= ACCURACY_BAR, f"{source.name}: {accuracy}"
    assert re.search(r"reloaded .*: max difference 0\.0e\+00", text), "the saved model must reload identically"
    assert re.search(r"ONNX Runtime vs \w+ on 450 images: max difference \S+, same predictions: True", text)
    charts = article.select(".rosetta-chart")
    assert len(charts) == 1 and "confusion matrix" in charts[0]["aria-label"]
    assert "cdn.plot.ly" not in str(page) and "application/vnd.plotly" not in str(page)


@pytest.mark.parametrize("source", NOTEBOOKS, ids=notebook_id)
def test_notebook_page_carries_only_the_stylesheet_rules_it_can_use(site, source):
    page = BeautifulSoup((site / "notebooks" / source.stem / "index.html").read_text(encoding="utf-8"), "html.parser")
    css = "".join(style.string or "" for style in page.select("style"))
    assert len(css) < INLINE_CSS_BUDGET, f"{len(css):,} characters of inline CSS (mkdocs-jupyter inlines about 590,000)"
    # What the cells need is there: the cell layout, the prompts, and the highlighting's colours.
    assert all(name in css for name in (".jp-Cell", ".jp-InputPrompt", "--jp-mirror-editor-keyword-color:")), css[:300]
    assert ".jp-Toolbar" not in css and ".jp-Dialog" not in css, "JupyterLab's interface, absent from the page"
    if page.select('[data-mime-type="application/vnd.jupyter.stderr"]'):  # what a cell printed on stderr keeps its look
        assert 'data-mime-type="application/vnd.jupyter.stderr"]' in css


@pytest.mark.parametrize("source", NOTEBOOKS, ids=notebook_id)
def test_notebook_page_offers_a_valid_ipynb(site, source):
    page = BeautifulSoup((site / "notebooks" / source.stem / "index.html").read_text(encoding="utf-8"), "html.parser")
    link = page.select_one("article a[download]")
    assert link and link["href"] == f"{source.stem}.ipynb"
    notebook = nbformat.read(site / "notebooks" / source.stem / link["href"], as_version=4)
    nbformat.validate(notebook)
    assert [cell.cell_type for cell in notebook.cells].count("code") >= 6
    assert notebook.cells[0].source.startswith("# Digits in")


@pytest.mark.parametrize("source", NOTEBOOKS, ids=notebook_id)
def test_downloaded_notebook_is_the_one_the_build_ran_for_a_reader(site, site_build, source):
    """The .ipynb from the site is, cell for cell, the notebook the build executed in a fresh kernel from an
    empty folder, as a reader would (scripts/workers/notebook_run.py): that run is checked, not repeated."""
    downloaded = nbformat.read(site / "notebooks" / source.stem / f"{source.stem}.ipynb", as_version=4)
    executed = nbformat.reads(records.load(source.relative_to(REPO).as_posix(), site_build[2]), as_version=4)
    assert source_key(downloaded) == source_key(executed)
    printed = "".join(output.get("text", "") for cell in executed.cells for output in cell.get("outputs", []))
    assert float(re.search(r"final test accuracy (\S+)", printed).group(1)) >= ACCURACY_BAR
    assert "same predictions: True" in printed
    plotted = [output for cell in executed.cells for output in cell.get("outputs", []) if "application/vnd.plotly.v1+json" in output.get("data", {})]
    assert len(plotted) == 1, "Jupyter shows the confusion matrix from plotly's own mimetype"
    assert executed.metadata["rosetta"]["left_in_folder"] == [], "the notebook writes only to temporary folders"
