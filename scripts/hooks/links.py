"""MkDocs hook: links to pages that generators print are turned into the pages' URLs (rosetta.site.page_links)."""

from rosetta.site import page_links


def on_page_content(html_content, page, config, files, **kwargs):
    return page_links.rewrite(html_content, page, files)
