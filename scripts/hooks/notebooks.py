"""MkDocs hooks: notebook pages (docs/notebooks/*.py, rendered by mkdocs-jupyter) follow the site's rules.

The build executes each notebook once, beside the other blocks (rosetta.site.blocks), and
mkdocs-jupyter renders that executed notebook. Its plotly figures are drawn by the site's
charts, nbconvert's unused loaders are removed, its code is reachable by keyboard, each
page offers its source as an .ipynb download (the theme's main.html shows the link that
page.meta["rosetta_download"] names), and JupyterLab's stylesheet, inlined by mkdocs-jupyter,
is trimmed to the rules the page can use (rosetta.site.notebook_css).
"""

from pathlib import Path

import jupytext
import nbformat
from mkdocs.exceptions import PluginError

from rosetta import processes
from rosetta.site import adapters, notebook_css
from rosetta.site.blocks import CONFIG_KEY as RUNNER, RAN
from rosetta.site.notebooks import SiteHTMLExporter, is_notebook, write_ipynb

def on_config(config):
    adapters.use_notebook_exporter(SiteHTMLExporter)
    SiteHTMLExporter.executed.clear()
    return config


def on_pre_page(page, config, files):
    if is_notebook(page.file.src_uri):
        outcome = config[RUNNER].notebook_result(Path(page.file.abs_src_path))
        if outcome.pending:  # make serve: shown without its outputs until the background build has run it
            page.meta["rosetta_pending"] = True
            SiteHTMLExporter.use(jupytext.read(page.file.abs_src_path))
            return page
        if not outcome.succeeded:
            reason = outcome.error or f"the notebook's run exited with status {outcome.returncode}: {processes.last_line(outcome.stderr)}"
            raise PluginError(f"docs/{page.file.src_uri}: {reason}")
        SiteHTMLExporter.use(nbformat.reads(outcome.stdout, as_version=4))
    return page


def on_page_content(html_content, page, config, files, **kwargs):
    if not is_notebook(page.file.src_uri):
        return html_content
    page.meta.setdefault(RAN, []).append(f"docs/{page.file.src_uri}")
    source = Path(page.file.abs_src_path)
    download = source.with_suffix(".ipynb").name
    write_ipynb(source, Path(page.file.abs_dest_path).parent / download)
    page.meta["rosetta_download"] = download
    return adapters.focusable_code(adapters.without_unused_loaders(html_content))


def on_post_page(output, page, config):
    return notebook_css.trimmed(output) if is_notebook(page.file.src_uri) else output
