"""MkDocs hook: each Markdown table wrapped by the build, not by the theme's script in the reader's
browser, and styled by the theme's own rules (rosetta.site.tables)."""

from pathlib import Path

from mkdocs.exceptions import PluginError

from rosetta.site.tables import TableStylesError, add_table_rules, wrapped


def on_page_content(html, page, config, files):
    return wrapped(html)


def on_post_build(config):
    if len(config.extra_css) != 1:
        raise PluginError(f"the tables' rules go into the site's one stylesheet; extra_css names {len(config.extra_css)}")
    try:
        add_table_rules(Path(config.site_dir), Path(config.site_dir) / config.extra_css[0])
    except TableStylesError as error:
        raise PluginError(str(error)) from None
