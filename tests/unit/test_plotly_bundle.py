"""The site's partial plotly.js: read from node_modules, matched to the installed plotly, and the only
trace types a chart may use."""

import json
import re

import plotly.graph_objects as go
import pytest

from rosetta.rendering.charts import chart_html
from rosetta.site import plotly_bundle
from rosetta.site.plotly_bundle import PlotlyBundleError


def test_the_trace_types_read_from_the_bundle_are_the_ones_its_package_lists():
    readme = (plotly_bundle.FOLDER / "README.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"`(\w+)`", readme.split("Contains trace modules", 1)[1].split("\n", 1)[0]))
    assert plotly_bundle.trace_types() == listed
    assert {"bar", "scatter", "heatmap"} <= listed  # what the site draws


def test_a_chart_with_a_trace_type_the_bundle_lacks_stops_in_one_line():
    assert 'class="rosetta-chart"' in chart_html(go.Figure([go.Bar(y=[1, 2]), go.Heatmap(z=[[1, 2]])]), "fine")
    with pytest.raises(PlotlyBundleError) as raised:
        chart_html(go.Figure(go.Scatter3d(x=[1], y=[1], z=[1])), "a cloud")
    message = str(raised.value)
    assert message.startswith("chart 'a cloud' uses the scatter3d trace type, which the site's plotly.js") and "\n" not in message


@pytest.fixture
def bundle_folder(tmp_path, monkeypatch):
    """A stand-in for node_modules/plotly.js-cartesian-dist-min, with the checks' caches emptied around it."""
    folder = tmp_path / plotly_bundle.PACKAGE
    monkeypatch.setattr(plotly_bundle, "FOLDER", folder)
    monkeypatch.setattr(plotly_bundle, "BUNDLE", folder / "plotly-cartesian.min.js")
    plotly_bundle.checked_bundle.cache_clear()
    yield folder
    plotly_bundle.checked_bundle.cache_clear()


def test_a_missing_bundle_says_to_run_npm_ci(bundle_folder):
    with pytest.raises(PlotlyBundleError, match=r"^node_modules/plotly.js-cartesian-dist-min is missing: run npm ci"):
        plotly_bundle.checked_bundle()


def test_a_bundle_at_another_version_than_the_installed_plotly_names_both(bundle_folder):
    bundle_folder.mkdir()
    (bundle_folder / "plotly-cartesian.min.js").write_text('moduleType:"trace",name:"bar"')
    (bundle_folder / "package.json").write_text(json.dumps({"version": "0.0.1"}))
    with pytest.raises(PlotlyBundleError) as raised:
        plotly_bundle.checked_bundle()
    wanted = plotly_bundle.get_plotlyjs_version()
    assert str(raised.value) == (f"node_modules/plotly.js-cartesian-dist-min is plotly.js 0.0.1, but the installed plotly "
                                 f"writes figures for plotly.js {wanted}: set it to {wanted} in package.json, then npm install")
