"""Turn a plotly figure into the markup that docs/javascripts/charts.js draws."""

import html
import json
import re

from rosetta.site.plotly_bundle import check_traces

# What chart_html writes, as the build finds it in a page (rosetta.site.static_charts): the placeholder's
# opening tag, whose attributes a notebook's exporter may reorder, and its figure's JSON, in which "</"
# cannot occur (it is written "<\/").
CHART_PLACEHOLDER = re.compile(r'(<div [^>]*class="rosetta-chart"[^>]*>\s*)(<script type="application/json">(.*?)</script>)', re.S)


def chart_html(figure, description: str) -> str:
    """A chart placeholder holding the figure as JSON; `description` is read by screen readers.

    role="figure", not "img": the drawn chart holds buttons (zoom, download), which an img may not.
    """
    figure.update_layout(template="none", margin={"t": 40, "r": 20, "b": 50, "l": 60})
    plotted = figure.to_plotly_json()
    check_traces(plotted, description)  # the site's plotly.js is a partial bundle
    spec = json.dumps(plotted, default=_plain).replace("</", "<\\/")
    return (
        f'<div class="rosetta-chart" role="figure" aria-label="{html.escape(description)}">'
        f'<script type="application/json">{spec}</script></div>'
    )


def _plain(value):
    """NumPy arrays and scalars, which plotly keeps in figures, as plain JSON values."""
    return value.tolist()
