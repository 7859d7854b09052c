"""MkDocs hook: the site's own assets after a build.

- plotly.js is the partial bundle of rosetta.site.plotly_bundle (checked against the installed
  plotly): docs/javascripts/charts.js fetches it only when the reader points at a chart; nothing is
  loaded from another host.
- ONNX Runtime Web (rosetta.site.onnxruntime_web) is copied beside them: the page that runs the
  digits classifier in the reader's browser imports it from the site itself.
- The theme's search worker is mended (rosetta.site.search_worker): lunr's token set could
  merge two words and leave a search with no results.
"""

import shutil
from pathlib import Path

from mkdocs.exceptions import PluginError

from rosetta.site import onnxruntime_web
from rosetta.site.plotly_bundle import PlotlyBundleError, checked_bundle
from rosetta.site.search_worker import mend_search_worker
from rosetta.site.theme_assets import ThemeAssetError


def on_config(config):
    """A missing or mismatched plotly.js, or a missing ONNX Runtime Web, stops the build before any block runs, not after."""
    try:
        checked_bundle()
        onnxruntime_web.checked_files()
    except (PlotlyBundleError, onnxruntime_web.RuntimeMissing) as error:
        raise PluginError(str(error)) from None


def on_post_build(config):
    target = Path(config.site_dir) / "javascripts" / "plotly.min.js"
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        shutil.copyfile(checked_bundle(), target)
        runtime = Path(config.site_dir) / onnxruntime_web.SITE_FOLDER
        runtime.mkdir(parents=True, exist_ok=True)
        for source in onnxruntime_web.checked_files():
            shutil.copyfile(source, runtime / source.name)
        mend_search_worker(Path(config.site_dir))
    except (PlotlyBundleError, onnxruntime_web.RuntimeMissing, ThemeAssetError) as error:
        raise PluginError(str(error)) from None
