"""Each chart's static picture: drawn with stand-in colours that become the palette's variables, with
ids that do not change from one build to the next, put inside every chart placeholder of a page."""

import plotly.graph_objects as go
import pytest
from plotly.subplots import make_subplots

from rosetta.rendering.charts import CHART_PLACEHOLDER, chart_html
from rosetta.site import static_charts
from rosetta.site.static_charts import GRID, TEXT, StaticCharts, finished, picture_key, static_layout

# How plotly's Plotly.toImage(format="svg") starts, with its random id "a1b2c3".
PLOTLY_SVG = (
    '<svg class="main-svg" xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
    'width="748" height="440" style="" viewBox="0 0 748 440"><defs id="defs-a1b2c3"><clipPath id="clipa1b2c3xyplot">'
    '<rect width="10" height="10"/></clipPath></defs><g clip-path="url(#clipa1b2c3xyplot)"><path d="M0,40v514" '
    f'style="stroke: {GRID};"/><text style="font-size: 12px; fill: {TEXT};">a1b2c3 stays in text</text></g></svg>'
)


def test_the_text_and_every_axis_s_grid_are_drawn_in_the_stand_in_colours():
    figure = make_subplots(rows=1, cols=2)
    figure.update_layout(font={"size": 13}, xaxis2={"title": {"text": "kept"}})
    drawn = static_layout(figure.to_plotly_json()["layout"])
    assert drawn["font"] == {"size": 13, "color": TEXT}
    assert {axis for axis in drawn if axis.endswith(("axis", "axis2"))} == {"xaxis", "yaxis", "xaxis2", "yaxis2"}
    assert all(drawn[axis]["gridcolor"] == GRID == drawn[axis]["zerolinecolor"] for axis in ("xaxis", "yaxis2"))
    assert drawn["xaxis2"]["title"] == {"text": "kept"}
    assert drawn["paper_bgcolor"] == drawn["plot_bgcolor"] == "rgba(0,0,0,0)"


def test_a_picture_reads_the_palette_has_its_own_ids_and_scales_down_but_never_up():
    picture = finished(PLOTLY_SVG, "chart-0123")
    assert picture.startswith('<svg class="rosetta-chart__static" aria-hidden="true" focusable="false" ')
    assert 'viewBox="0 0 748 440"' in picture and 'style="max-width: 748px; max-height: 440px"' in picture
    assert 'width="748"' not in picture and "main-svg" not in picture
    assert 'id="defs-chart-0123"' in picture and 'id="clipchart-0123xyplot"' in picture
    assert 'url(#clipchart-0123xyplot)' in picture
    assert "a1b2c3 stays in text" in picture  # only ids and references are renamed
    assert "stroke: var(--md-default-fg-color--lightest)" in picture and "fill: var(--md-typeset-color)" in picture
    assert TEXT not in picture and GRID not in picture


def test_an_svg_plotly_did_not_write_is_refused_naming_what_it_found():
    with pytest.raises(ValueError, match="plotly's SVG does not start as expected: '<svg width"):
        finished('<svg width="1" height="1"></svg>', "chart-0")


def test_every_placeholder_of_a_page_gets_its_picture_from_the_cache_without_a_browser(tmp_path, monkeypatch):
    chart = chart_html(go.Figure(go.Bar(x=["a"], y=[1])), "one bar")
    # A notebook's exporter writes the same placeholder with its attributes in another order.
    reordered = chart.replace('class="rosetta-chart" role="figure"', 'role="figure" class="rosetta-chart"')
    spec = CHART_PLACEHOLDER.search(chart)[3]
    (tmp_path / f"{picture_key(spec)}.svg").write_text("<svg>cached</svg>", encoding="utf-8")
    charts = StaticCharts(tmp_path)
    monkeypatch.setattr(charts, "_drawing_page", lambda: pytest.fail("a cached picture is drawn again"))
    page = f"<p>before</p>{chart}<p>between</p>{reordered}"
    drawn = charts.with_pictures(page)
    assert drawn.count("<svg>cached</svg>") == 2
    assert drawn.index("<svg>cached</svg>") < drawn.index('<script type="application/json">')
    assert drawn.replace("<svg>cached</svg>", "") == page
    assert (charts.cached, charts.drawn) == (2, 0)  # what the build logs


def test_a_picture_s_key_changes_with_its_figure_and_the_width(monkeypatch):
    one, other = (CHART_PLACEHOLDER.search(chart_html(go.Figure(go.Bar(y=[y])), "a bar"))[3] for y in (1, 2))
    assert picture_key(one) == picture_key(one) != picture_key(other)
    before = picture_key(one)
    monkeypatch.setattr(static_charts, "WIDTH", static_charts.WIDTH + 1)
    assert picture_key(one) != before
