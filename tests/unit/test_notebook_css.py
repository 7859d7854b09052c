"""The notebook pages' inlined stylesheet, trimmed to the rules a page can use (rosetta.site.notebook_css)."""

import pytest

from rosetta.site.notebook_css import trimmed, trimmed_stylesheet

PAGE_CLASSES, PAGE_IDS = {"jupyter-wrapper", "jp-Cell", "jp-InputArea", "highlight"}, {"main"}


@pytest.mark.parametrize("css, kept", [
    pytest.param(".jp-Cell{margin:0}.jp-Toolbar{display:flex}#main .jp-Cell{padding:1px}#sidebar{width:2px}div p{color:red}",
                 ".jp-Cell{margin:0}#main .jp-Cell{padding:1px}div p{color:red}", id="its classes and ids are in the page"),
    pytest.param(".jp-Toolbar,.jp-InputArea{gap:1px}.jp-Cell:not(.jp-mod-hidden){display:block}",
                 ".jp-Toolbar,.jp-InputArea{gap:1px}.jp-Cell:not(.jp-mod-hidden){display:block}",
                 id="one selector of a list is enough, a negation needs nothing"),
    pytest.param(".jupyter-wrapper{--a:var(--b);--b:#fff;--unused:1px;--also-unused:var(--b)}"
                 ".jp-Cell{color:var(--a)}.jp-Toolbar{color:var(--also-unused)}",
                 ".jupyter-wrapper{--a:var(--b);--b:#fff}.jp-Cell{color:var(--a)}", id="custom properties that a kept rule reads"),
    pytest.param('.jp-Cell[data-mime-type="application/vnd.jupyter.stderr"]{background:red}',
                 '.jp-Cell[data-mime-type="application/vnd.jupyter.stderr"]{background:red}', id="an attribute's dots are no classes"),
    pytest.param("@media (max-width:10px){.jp-Cell{margin:1px}.jp-Toolbar{margin:2px}}@media print{.jp-Toolbar{display:none}}",
                 "@media (max-width:10px){.jp-Cell{margin:1px}}", id="media blocks with a kept rule"),
    pytest.param("@keyframes spin{to{rotate:1turn}}@keyframes fade{to{opacity:0}}.jp-Cell{animation:spin 1s}.jp-Toolbar{animation:fade 1s}",
                 "@keyframes spin{to{rotate:1turn}}.jp-Cell{animation:spin 1s}", id="keyframes that a kept rule names"),
])
def test_a_stylesheet_keeps_the_rules_that_can_apply_to_the_page(css, kept):
    assert trimmed_stylesheet(css, PAGE_CLASSES, PAGE_IDS) == kept


def test_important_survives_and_a_page_s_classes_come_from_its_whole_html():
    page = ('<html><head><style>.jp-Cell{color:red !important}.md-typeset .jp-Cell{margin:0}.jp-Gone{x:1}</style></head>'
            '<body class="md-typeset"><div class="jp-Cell other"></div></body></html>')
    assert trimmed(page) == ('<html><head><style>.jp-Cell{color:red!important}.md-typeset .jp-Cell{margin:0}</style></head>'
                             '<body class="md-typeset"><div class="jp-Cell other"></div></body></html>')


def test_a_custom_property_read_in_another_stylesheet_or_a_style_attribute_stays():
    page = ('<style>.jp-Cell .k{color:var(--keyword)}</style><style>.jupyter-wrapper{--keyword:green;--text:#111;--gone:0}</style>'
            '<div class="jupyter-wrapper"><div class="jp-Cell" style="color:var(--text)"><b class="k">def</b></div></div>')
    assert trimmed(page) == ('<style>.jp-Cell .k{color:var(--keyword)}</style><style>.jupyter-wrapper{--keyword:green;--text:#111}</style>'
                             '<div class="jupyter-wrapper"><div class="jp-Cell" style="color:var(--text)"><b class="k">def</b></div></div>')
