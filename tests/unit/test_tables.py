"""Tables wrapped by the build as the theme's script would wrap them, and styled by the theme's own
rules copied for their class."""

import re
from pathlib import Path

import material
import pytest
from bs4 import BeautifulSoup

from rosetta.site.tables import (MARKER, TABLE_CLASS, THEME_SELECTOR, TableStylesError, add_table_rules,
                                 theme_table_rules, wrapped)
from rosetta.site.theme_assets import ThemeAssetError

pytestmark = pytest.mark.unit

TABLE = "<table>\n<thead>\n<tr><th>Framework</th></tr>\n</thead>\n<tbody>\n<tr><td><code>torch</code></td></tr>\n</tbody>\n</table>"
THEME_STYLESHEET = next((Path(material.__file__).parent / "templates" / "assets" / "stylesheets").glob("main.*.min.css"))


def test_a_markdown_table_is_wrapped_as_the_theme_wraps_it_and_reachable_by_keyboard():
    page = BeautifulSoup(wrapped(f"<p>before</p>{TABLE}<p>between</p>{TABLE}"), "html.parser")
    tables = page.find_all("table")
    assert len(tables) == 2 and all(table["class"] == [TABLE_CLASS] for table in tables)
    for table in tables:
        inner, outer = table.parent, table.parent.parent
        assert inner["class"] == ["md-typeset__table"] and outer["class"] == ["md-typeset__scrollwrap"]
        assert outer["tabindex"] == "0"
    assert page.get_text() == BeautifulSoup(f"<p>before</p>{TABLE}<p>between</p>{TABLE}", "html.parser").get_text()


def test_a_table_with_attributes_or_holding_a_table_is_left_to_the_theme():
    classed = '<table class="rosetta-digits__probabilities"><tr><td>1</td></tr></table>'
    nesting = "<table><tr><td><table><tr><td>1</td></tr></table></td></tr></table>"
    assert wrapped(classed) == classed
    assert wrapped(nesting).count("md-typeset__scrollwrap") == 1, "only the inner one, which holds no table"


def test_every_rule_of_the_installed_theme_for_classless_tables_is_copied_for_the_class_in_its_media():
    theme = THEME_STYLESHEET.read_text(encoding="utf-8")
    copied = theme_table_rules(theme)
    assert THEME_SELECTOR not in copied
    assert copied.count(f"table.{TABLE_CLASS}") == theme.count(THEME_SELECTOR) > 0
    assert "@media print{.md-typeset table.rosetta-table{display:table}}" in copied  # inside its @media, as in the theme
    declarations = re.findall(r"\{([^{}]*)\}", copied)
    assert all(f"{{{declaration}}}" in theme for declaration in declarations), "the same declarations as the theme's"


def test_a_rule_later_in_a_media_block_keeps_its_media_and_a_theme_without_such_rules_is_refused():
    copied = theme_table_rules("@media screen{.a{color:red}.md-typeset table:not([class]) th{padding:0}}.b{margin:0}")
    assert copied == "@media screen{.md-typeset table.rosetta-table th{padding:0}}"
    with pytest.raises(TableStylesError, match=re.escape(THEME_SELECTOR)):
        theme_table_rules(".md-typeset table{padding:0}")


def test_the_rules_are_added_to_the_built_theme_s_stylesheet_once(tmp_path):
    stylesheets = tmp_path / "assets" / "stylesheets"
    stylesheets.mkdir(parents=True)
    theme = stylesheets / "main.0123.min.css"
    theme.write_text(".md-typeset table:not([class]){border:0}")
    assert add_table_rules(tmp_path) == theme
    add_table_rules(tmp_path)  # a second pass over the same site adds nothing
    assert theme.read_text() == f".md-typeset table:not([class]){{border:0}}\n{MARKER}\n.md-typeset table.rosetta-table{{border:0}}\n"
    theme.unlink()
    with pytest.raises(ThemeAssetError, match=r"^expected one theme stylesheet \(main\.\*\.min\.css\) in .*stylesheets, found 0$"):
        add_table_rules(tmp_path)
