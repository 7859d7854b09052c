"""MkDocs hook: each page's code blocks without the spans that colour nothing, and reachable by
keyboard before the theme mounts them (rosetta.site.highlighting)."""

from rosetta.site.highlighting import keyboard_scrollable, unwrapped


def on_page_content(html, page, config, files):
    return keyboard_scrollable(unwrapped(html))
