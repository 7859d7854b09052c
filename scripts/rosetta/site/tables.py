"""Tables wrapped by the build, as the theme's script would wrap them in the reader's browser.

The theme gives every table without a class (what Markdown writes) a scrolling wrapper when the
page is shown: it takes each table out of the page and puts it back inside the wrapper, and the
browser styles and lays out every cell again; on a page of tables that was most of the work that
blocked it (Lighthouse). The build writes the same wrapper around each such table instead, with
`tabindex="0"` so that a keyboard reader can scroll a wide one, and gives the table a class, so
the theme's script passes it by. The theme's rules for classless tables are copied for that class
and appended to the built theme's own stylesheet (`add_table_rules`), so the table looks the same.
"""

import re
from pathlib import Path

from rosetta.site.theme_assets import append_once, built_asset

TABLE_CLASS = "rosetta-table"
THEME_SELECTOR = "table:not([class])"
WRAPPER = '<div class="md-typeset__scrollwrap" tabindex="0"><div class="md-typeset__table">'
# A table as Markdown writes it: no attribute, and no table inside it.
MARKDOWN_TABLE = re.compile(r"<table>((?:(?!<table[\s>]).)*?)</table>", re.DOTALL)
# A stylesheet as the text before each brace, and the brace.
TOKEN = re.compile(r"([^{}]*)([{}])")
THEME_STYLESHEETS = Path("assets") / "stylesheets"
MARKER = "/* DL Rosetta: the theme's rules for classless tables, for the tables the build wraps (rosetta.site.tables) */"


class TableStylesError(RuntimeError):
    """The built theme's stylesheet has no rule for classless tables to copy."""


def wrapped(html: str) -> str:
    """The page with each Markdown table inside the theme's wrapper, and classed."""
    return MARKDOWN_TABLE.sub(lambda table: f'{WRAPPER}<table class="{TABLE_CLASS}">{table[1]}</table></div></div>', html)


def style_rules(stylesheet: str):
    """Each style rule of the stylesheet: the at-rules it is inside, its selectors, its declarations."""
    opened, innermost = [], False  # the preludes of the blocks still open; whether the last brace opened one
    for text, brace in TOKEN.findall(stylesheet):
        if brace == "{":
            opened.append(text.strip())
            innermost = True
            continue
        prelude = opened.pop()
        if innermost and not prelude.startswith("@"):
            yield list(opened), prelude, text
        innermost = False


def theme_table_rules(stylesheet: str) -> str:
    """The stylesheet's rules for classless tables, each rewritten for the wrapped tables' class."""
    copied = []
    for at_rules, selectors, declarations in style_rules(stylesheet):
        if THEME_SELECTOR in selectors:
            rule = f"{selectors.replace(THEME_SELECTOR, f'table.{TABLE_CLASS}')}{{{declarations}}}"
            copied.append("".join(f"{at_rule}{{" for at_rule in at_rules) + rule + "}" * len(at_rules))
    if not copied:
        raise TableStylesError(f"the theme's stylesheet has no rule for {THEME_SELECTOR}: the wrapped tables would lose their style")
    return "\n".join(copied)


def add_table_rules(site_dir: Path) -> Path:
    """Append the theme's table rules, rewritten for the class, to the built theme's stylesheet, once."""
    stylesheet = built_asset(site_dir, THEME_STYLESHEETS, "main.*.min.css", "theme stylesheet")
    return append_once(stylesheet, MARKER, lambda text: f"\n{MARKER}\n{theme_table_rules(text)}\n")
