"""MkDocs hooks: notebook pages (docs/notebooks/*.py, executed by mkdocs-jupyter) follow the site's rules.

Their plotly figures are drawn by the site's charts, nbconvert's unused loaders are removed,
their code is reachable by keyboard, and each offers its source as an .ipynb download (the
theme's main.html shows the link that page.meta["rosetta_download"] names).
"""

from pathlib import Path

from rosetta.site import adapters
from rosetta.site.blocks import RAN
from rosetta.site.notebooks import SiteHTMLExporter, is_notebook, write_ipynb


def on_config(config):
    adapters.use_notebook_exporter(SiteHTMLExporter)
    return config


def on_page_content(html_content, page, config, files, **kwargs):
    if not is_notebook(page.file.src_uri):
        return html_content
    page.meta.setdefault(RAN, []).append(f"docs/{page.file.src_uri}")
    source = Path(page.file.abs_src_path)
    download = source.with_suffix(".ipynb").name
    write_ipynb(source, Path(page.file.abs_dest_path).parent / download)
    page.meta["rosetta_download"] = download
    return adapters.focusable_code(adapters.without_unused_loaders(html_content))
