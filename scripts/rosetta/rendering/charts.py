"""Turn a plotly figure into the markup that docs/javascripts/charts.js draws."""

import html
import json


def chart_html(figure, description: str) -> str:
    """A chart placeholder holding the figure as JSON; `description` is read by screen readers.

    role="figure", not "img": the drawn chart holds buttons (zoom, download), which an img may not.
    """
    figure.update_layout(template="none", margin={"t": 40, "r": 20, "b": 50, "l": 60})
    spec = json.dumps(figure.to_plotly_json(), default=_plain).replace("</", "<\\/")
    return (
        f'<div class="rosetta-chart" role="figure" aria-label="{html.escape(description)}">'
        f'<script type="application/json">{spec}</script></div>'
    )


def _plain(value):
    """NumPy arrays and scalars, which plotly keeps in figures, as plain JSON values."""
    return value.tolist()
