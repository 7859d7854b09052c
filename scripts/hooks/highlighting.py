"""MkDocs hook: each page's code blocks without the spans that colour nothing (rosetta.site.highlighting)."""

from rosetta.site.highlighting import unwrapped


def on_page_content(html, page, config, files):
    return unwrapped(html)
