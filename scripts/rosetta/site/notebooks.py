"""How the notebook pages (docs/notebooks/*.py, rendered by mkdocs-jupyter) fit the site's rules.

- execution: the build runs each notebook once (scripts/workers/notebook_run.py), beside the
  other blocks; mkdocs-jupyter does not execute, and the exporter renders the executed notebook.

- plotly figures: a notebook shows them as plotly's JSON mimetype, which Jupyter renders and
  nbconvert ignores. A preprocessor turns each into the site's own chart markup (chart_html),
  drawn by docs/javascripts/charts.js with the site's plotly.js: no CDN, no inline bundle.
- download: each notebook page offers its source as an .ipynb, converted by jupytext.
"""

from pathlib import Path

import jupytext
import plotly.graph_objects as go
from nbconvert.exporters import HTMLExporter
from nbconvert.preprocessors import Preprocessor

from rosetta.rendering.charts import chart_html

PLOTLY_MIMETYPE = "application/vnd.plotly.v1+json"
NOTEBOOKS = "notebooks/"


def is_notebook(src_uri: str) -> bool:
    return src_uri.startswith(NOTEBOOKS) and src_uri.endswith(".py")


class PlotlyAsSiteCharts(Preprocessor):
    """Replace each plotly output by the markup of the site's charts."""

    def preprocess_cell(self, cell, resources, index):
        for output in cell.get("outputs", []):
            figure = output.get("data", {}).get(PLOTLY_MIMETYPE)
            if figure is not None:
                chart = go.Figure(figure)
                title = chart.layout.title.text or "a chart from this notebook"
                output["data"] = {"text/html": chart_html(chart, title)}
        return cell, resources


def source_key(notebook) -> tuple:
    """What identifies a notebook's code whether or not it ran: its cells' types and sources."""
    return tuple((cell.cell_type, cell.source) for cell in notebook.cells)


class NotExecuted(RuntimeError):
    """mkdocs-jupyter asked to render a notebook that the build did not execute."""


class SiteHTMLExporter(HTMLExporter):
    """mkdocs-jupyter's exporter, rendering the build's executed notebook, with the site's charts."""

    executed: dict = {}  # source_key -> the notebook as the build executed it (set by the notebooks hook)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.register_preprocessor(PlotlyAsSiteCharts, enabled=True)

    @classmethod
    def use(cls, executed) -> None:
        cls.executed[source_key(executed)] = executed

    def from_notebook_node(self, nb, resources=None, **kwargs):
        executed = self.executed.get(source_key(nb))
        if executed is None:
            raise NotExecuted("a notebook page whose notebook the build did not execute")
        return super().from_notebook_node(executed, resources, **kwargs)


def write_ipynb(source: Path, target: Path) -> None:
    """The notebook a reader downloads: the jupytext source as .ipynb, without outputs."""
    target.parent.mkdir(parents=True, exist_ok=True)
    jupytext.write(jupytext.read(source), target, fmt="ipynb")
