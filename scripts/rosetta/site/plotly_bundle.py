"""The site's plotly.js: the official partial bundle that holds the trace types the site draws.

The full plotly.js that the plotly package carries is 4.8 MB (1.47 MB compressed) for every trace
type plotly has; the site draws bars, lines, scatters and heatmaps. The "cartesian" bundle
(npm: plotly.js-cartesian-dist-min, in package.json, installed by `npm ci` with the site checks)
holds those and a few more at a third of the weight. It must be the plotly.js that the installed
plotly package writes figures for, and a figure may only use a trace type the bundle registers:
both are checked here, so a mismatch stops the build in one line instead of a blank chart.
"""

import json
import re
from functools import cache

from plotly.offline import get_plotlyjs_version

from rosetta.paths import REPO

PACKAGE = "plotly.js-cartesian-dist-min"
FOLDER = REPO / "node_modules" / PACKAGE
BUNDLE = FOLDER / "plotly-cartesian.min.js"
# How the bundle registers each trace module (plotly.js's src/traces/*/index.js, minified).
_REGISTERED_TRACE = re.compile(r'moduleType:"trace",name:"(\w+)"')


class PlotlyBundleError(RuntimeError):
    """The partial bundle is missing, at another plotly.js version, or lacks a trace type."""


@cache
def checked_bundle():
    """The bundle's path, once it is known to be there and at the installed plotly's plotly.js version."""
    if not BUNDLE.is_file():
        raise PlotlyBundleError(f"node_modules/{PACKAGE} is missing: run npm ci (make does it before a build)")
    version = json.loads((FOLDER / "package.json").read_text(encoding="utf-8"))["version"]
    wanted = get_plotlyjs_version()
    if version != wanted:
        raise PlotlyBundleError(f"node_modules/{PACKAGE} is plotly.js {version}, but the installed plotly writes figures "
                                f"for plotly.js {wanted}: set it to {wanted} in package.json, then npm install")
    return BUNDLE


@cache
def trace_types() -> frozenset[str]:
    """The trace types the bundle can draw, read from the modules it registers."""
    found = frozenset(_REGISTERED_TRACE.findall(checked_bundle().read_text(encoding="utf-8")))
    if not found:
        raise PlotlyBundleError(f"node_modules/{PACKAGE}: no trace module found in {BUNDLE.name}; has its format changed?")
    return found


def check_traces(figure_json: dict, what: str) -> None:
    """Stop with one line when `what` (a chart's description) uses a trace type the bundle cannot draw."""
    missing = sorted({trace.get("type", "scatter") for trace in figure_json.get("data", [])} - trace_types())
    if missing:
        raise PlotlyBundleError(f"chart {what!r} uses the {', '.join(missing)} trace type, which the site's plotly.js "
                                f"({PACKAGE}) does not have; it has {', '.join(sorted(trace_types()))}")
