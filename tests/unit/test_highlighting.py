"""Code blocks without the highlighter's spans that colour nothing: the same text, fewer elements,
and the installed theme's stylesheets checked to colour those tokens as the code around them."""

import re
from pathlib import Path

import material
import pytest
from bs4 import BeautifulSoup

from rosetta import paths
from rosetta.site.highlighting import PLAIN_TOKENS, keyboard_scrollable, unwrapped
from rosetta.site.tables import style_rules

pytestmark = pytest.mark.unit

BLOCK = ('<div class="language-python highlight"><pre><span></span><code><span class="kn">import</span>'
         '<span class="w"> </span><span class="nn">torch</span>\n<span class="n">x</span><span class="w"> </span>'
         '<span class="o">=</span><span class="w"> </span><span class="n">torch</span><span class="o">.</span>'
         '<span class="n">ones</span><span class="p">(</span><span class="s2">&quot;a&lt;b&quot;</span>'
         '<span class="p">)</span>\n</code></pre></div>')
THEME_STYLESHEETS = sorted((Path(material.__file__).parent / "templates" / "assets" / "stylesheets").glob("*.min.css"))
SITE_STYLESHEET = paths.REPO / "docs" / "stylesheets" / "site.css"
NAMES_A_PLAIN_TOKEN = re.compile(r"\.(?:%s)(?![\w-])" % "|".join(PLAIN_TOKENS))


def test_a_code_block_keeps_its_text_and_coloured_tokens_and_loses_its_plain_spans():
    html = unwrapped(BLOCK)
    before, after = BeautifulSoup(BLOCK, "html.parser"), BeautifulSoup(html, "html.parser")
    assert after.get_text() == before.get_text()
    assert not after.select("span.n, span.w")
    kept = [(span["class"], span.get_text()) for span in after.select("code span")]
    assert kept == [(span["class"], span.get_text()) for span in before.select("code span")
                    if span.get("class", [""])[0] not in PLAIN_TOKENS]
    assert "&quot;a&lt;b&quot;" in html, "escaped text stays escaped"


def test_a_code_block_with_a_file_name_loses_its_plain_spans_too():
    titled = BLOCK.replace("<pre>", '<span class="filename">export.mjs</span><pre>')
    assert unwrapped(titled) == unwrapped(BLOCK).replace("<pre>", '<span class="filename">export.mjs</span><pre>')
    assert '<span class="n">' not in unwrapped(titled)


def test_only_the_theme_s_code_blocks_change():
    elsewhere = '<p><span class="n">a name in prose</span></p><div class="highlight-ipynb"><pre><span class="n">x</span></pre></div>'
    assert unwrapped(elsewhere) == elsewhere
    assert unwrapped(elsewhere + BLOCK).startswith(elsewhere)


def test_every_code_block_s_code_is_focusable_before_the_theme_mounts_it_and_nothing_else_is():
    prose = '<p>Call <code>fit</code>.</p><div class="highlight-ipynb"><pre><code>x</code></pre></div>'
    page = keyboard_scrollable(prose + BLOCK + BLOCK)
    assert page.startswith(prose)
    blocks = BeautifulSoup(page, "html.parser").select("div.highlight pre code")
    assert len(blocks) == 2 and all(code.get("tabindex") == "0" for code in blocks)
    assert page.count('tabindex="0"') == 2
    assert BeautifulSoup(page, "html.parser").get_text() == BeautifulSoup(prose + BLOCK + BLOCK, "html.parser").get_text()


def rules(stylesheet: Path):
    """Each style rule's selectors and declarations, in or out of an at-rule's block."""
    for _, selectors, declarations in style_rules(stylesheet.read_text(encoding="utf-8")):
        yield [selector.strip() for selector in selectors.split(",")], declarations


def test_the_installed_theme_colours_a_name_as_the_code_and_a_space_not_at_all():
    assert THEME_STYLESHEETS, "the theme's stylesheets were not found"
    naming = [(selector, declarations) for stylesheet in THEME_STYLESHEETS for selectors, declarations in rules(stylesheet)
              for selector in selectors if NAMES_A_PLAIN_TOKEN.search(selector)]
    assert naming == [(".highlight .n", "color:var(--md-code-hl-name-color)")], naming
    name_colours = {declaration.split(":", 1)[1] for stylesheet in THEME_STYLESHEETS for _, declarations in rules(stylesheet)
                    for declaration in declarations.split(";") if declaration.startswith("--md-code-hl-name-color:")}
    assert name_colours == {"var(--md-code-fg-color)"}, "in every palette a name has the code's own colour"
    assert not [selectors for selectors, _ in rules(SITE_STYLESHEET) if any(map(NAMES_A_PLAIN_TOKEN.search, selectors))]
