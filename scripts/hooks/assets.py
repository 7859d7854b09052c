"""MkDocs hook: the site's own assets after a build.

- plotly.js is copied from the installed plotly package: docs/javascripts/charts.js fetches it
  only when a chart comes into view; nothing is loaded from another host.
- The theme's search worker is mended (rosetta.site.search_worker): lunr's token set could
  merge two words and leave a search with no results.
"""

import shutil
from importlib import resources
from pathlib import Path

from mkdocs.exceptions import PluginError

from rosetta.site.search_worker import SearchWorkerError, mend_search_worker


def on_post_build(config):
    target = Path(config.site_dir) / "javascripts" / "plotly.min.js"
    target.parent.mkdir(parents=True, exist_ok=True)
    with resources.as_file(resources.files("plotly") / "package_data" / "plotly.min.js") as source:
        shutil.copyfile(source, target)
    try:
        mend_search_worker(Path(config.site_dir))
    except SearchWorkerError as error:
        raise PluginError(str(error)) from None
