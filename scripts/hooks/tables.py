"""MkDocs hook: each Markdown table wrapped by the build, not by the theme's script in the reader's
browser, and styled by the theme's own rules (rosetta.site.tables)."""

from pathlib import Path

from mkdocs.exceptions import PluginError

from rosetta.site.tables import TableStylesError, add_table_rules, wrapped
from rosetta.site.theme_assets import ThemeAssetError


def on_page_content(html, page, config, files):
    return wrapped(html)


def on_post_build(config):
    try:
        add_table_rules(Path(config.site_dir))
    except (TableStylesError, ThemeAssetError) as error:
        raise PluginError(str(error)) from None
