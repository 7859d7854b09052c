"""MkDocs hook: plotly.js is copied from the installed plotly package into the site's own assets.

docs/javascripts/charts.js fetches it only when a chart comes into view; nothing is loaded from
another host.
"""

import shutil
from importlib import resources
from pathlib import Path


def on_post_build(config):
    target = Path(config.site_dir) / "javascripts" / "plotly.min.js"
    target.parent.mkdir(parents=True, exist_ok=True)
    with resources.as_file(resources.files("plotly") / "package_data" / "plotly.min.js") as source:
        shutil.copyfile(source, target)
