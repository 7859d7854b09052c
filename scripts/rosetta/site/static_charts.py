"""Each chart's static picture, drawn by the build, so that a page shows its charts without plotly.js.

Evaluating plotly.js is one task of about 1 s on a phone (Lighthouse's mobile profile): a page whose
first screen is a chart could not be quick if it drew the chart on load. So the build draws every
chart once, in Chromium (rosetta.tools.chromium), with the site's own plotly.js (Plotly.toImage, as
SVG), and puts the picture inside the chart's placeholder; docs/javascripts/charts.js fetches plotly.js
only when the reader points at a chart, and the interactive chart takes the picture's place.

The picture follows the light and dark palettes as the interactive chart does: it is drawn with
stand-in colours for the text and the grid, replaced by Material's CSS variables, which an SVG inside
the page reads. Plotly's random ids are replaced by the figure's digest, so a build is reproducible.
"""

import hashlib
import json
import re
import time
from contextlib import ExitStack
from functools import cache
from pathlib import Path

from rosetta.atomic import write_atomically
from rosetta.execution.cache import files_digest
from rosetta.rendering.charts import CHART_PLACEHOLDER
from rosetta.site.plotly_bundle import checked_bundle
from rosetta.tools.chromium import launched

WIDTH = 748  # px: a chart's width in the content column of a 1280 px window (measured); narrower ones scale it down
TEXT, GRID = "rgb(1, 2, 3)", "rgb(4, 5, 6)"  # stand-ins no chart uses
PALETTE = {TEXT: "var(--md-typeset-color)", GRID: "var(--md-default-fg-color--lightest)"}
CLASS = "rosetta-chart__static"
_AXIS = re.compile(r"[xy]axis\d*")
_DRAW = """async ([data, layout, width]) => {
    const url = await Plotly.toImage({data, layout}, {format: "svg", width, height: layout.height || 450});
    return decodeURIComponent(url.slice(url.indexOf(",") + 1));
}"""


def static_layout(layout: dict) -> dict:
    """The figure's layout with the stand-in colours for its text and every axis's grid, on a transparent ground."""
    drawn = {**layout, "font": {**layout.get("font", {}), "color": TEXT},
             "paper_bgcolor": "rgba(0,0,0,0)", "plot_bgcolor": "rgba(0,0,0,0)"}
    for axis in {"xaxis", "yaxis", *filter(_AXIS.fullmatch, layout)}:
        drawn[axis] = {**layout.get(axis, {}), "gridcolor": GRID, "zerolinecolor": GRID}
    return drawn


def finished(svg: str, name: str) -> str:
    """Plotly's SVG as the picture in a page: palette colours, ids from `name`, hidden from screen readers
    (the placeholder's label describes the chart), scaled down to a narrower container, never up."""
    uid = re.search(r'id="defs-(\w+)"', svg)
    if uid:
        svg = re.sub(rf'(id="|url\(#)([a-z-]*){uid[1]}', rf"\g<1>\g<2>{name}", svg)
    for stand_in, variable in PALETTE.items():
        svg = svg.replace(stand_in, variable)
    root = re.match(r'<svg class="main-svg" (xmlns="[^"]*" xmlns:xlink="[^"]*") width="(\d+)" height="(\d+)" style="" '
                    r'(viewBox="[^"]*")>', svg)
    if not root:
        raise ValueError(f"plotly's SVG does not start as expected: {svg[:160]!r}")
    namespaces, width, height, view_box = root.groups()
    return (f'<svg class="{CLASS}" aria-hidden="true" focusable="false" {namespaces} {view_box} '
            f'style="max-width: {width}px; max-height: {height}px">' + svg[root.end():])


@cache
def _drawing_digest() -> str:
    """What draws a picture besides its figure: the site's plotly.js and this module."""
    return files_digest([checked_bundle(), Path(__file__)])


def picture_key(spec: str) -> str:
    """What a picture is kept under: the digest of its figure (`spec`, its JSON), the width and what draws it."""
    return hashlib.sha256(f"{spec}\0{WIDTH}\0{_drawing_digest()}".encode()).hexdigest()


class StaticCharts:
    """Draws pictures in one Chromium page, started at the first picture a build needs and closed by close().

    With a cache folder (make serve), a picture is kept under the digest of its figure, the width,
    the site's plotly.js and this module, and drawn again only when one of them changes.
    """

    def __init__(self, cache: Path | None = None):
        self.cache = cache
        self._browser = ExitStack()
        self._page = None
        self.drawn, self.cached, self.seconds = 0, 0, 0.0  # this build's pictures, and the time spent drawing them

    def with_pictures(self, page_html: str) -> str:
        """`page_html` with every chart placeholder holding its picture before its figure."""
        return CHART_PLACEHOLDER.sub(lambda found: found[1] + self.picture(found[3]) + found[2], page_html)

    def picture(self, spec: str) -> str:
        """The picture of the figure whose JSON is `spec`."""
        key = picture_key(spec)
        cached = self.cache / f"{key}.svg" if self.cache else None
        if cached and cached.is_file():
            self.cached += 1
            return cached.read_text(encoding="utf-8")
        started = time.perf_counter()
        figure = json.loads(spec)
        traces = [{"uid": f"trace-{number}", **trace} for number, trace in enumerate(figure["data"])]  # not random ones
        svg = finished(self._drawing_page().evaluate(_DRAW, [traces, static_layout(figure.get("layout", {})), WIDTH]),
                       f"chart-{key[:12]}")
        if cached:
            cached.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(cached, svg)
        self.drawn, self.seconds = self.drawn + 1, self.seconds + time.perf_counter() - started  # Chromium's start included
        return svg

    def _drawing_page(self):
        if self._page is None:
            self._page = self._browser.enter_context(launched()).new_page()
            self._page.set_content("<!doctype html><html><body></body></html>")
            self._page.add_script_tag(path=str(checked_bundle()))
        return self._page

    def close(self) -> None:
        self._browser.close()
        self._page = None
