"""MkDocs hook: every chart on a page holds its static picture (rosetta.site.static_charts).

The pictures are drawn in Chromium, started at the first chart a build meets and closed when the
build ends; a missing browser stops the build before any block runs. With ROSETTA_CACHE (make
serve), pictures are kept beside the blocks' outputs and drawn again only when their figure changes.
"""

import logging
import os
from pathlib import Path

from mkdocs.exceptions import PluginError

from rosetta.site.static_charts import StaticCharts
from rosetta.tools.chromium import ChromiumMissing, executable

log = logging.getLogger("mkdocs.hooks.rosetta")
_charts: StaticCharts | None = None


def on_config(config):
    global _charts
    try:
        executable()
    except ChromiumMissing as error:
        raise PluginError(f"the build draws its charts in Chromium: {error}") from None
    cache_dir = os.environ.get("ROSETTA_CACHE")
    _charts = StaticCharts(Path(cache_dir).resolve() / "charts" if cache_dir else None)


def on_post_page(output, page, config):
    try:
        return _charts.with_pictures(output)
    except Exception as error:
        first_line = (str(error).strip().splitlines() or [type(error).__name__])[0]  # Playwright appends a call log
        raise PluginError(f"{page.file.src_uri}: a chart's picture could not be drawn: {first_line}") from None


def on_post_build(config):
    _charts.close()
    log.info("chart pictures: %d drawn in %.1f s (Chromium's start included), %d from the author cache",
             _charts.drawn, _charts.seconds, _charts.cached)


def on_build_error(error):
    if _charts is not None:
        _charts.close()
