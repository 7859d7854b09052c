"""Accessibility: axe-core on every page, in the light and the dark palette, and the gate seen failing."""

import pytest

from rosetta.paths import REPO
from support import page_paths

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = {"serious", "critical"}


def axe_problems(browser, url: str, scheme: str) -> list[str]:
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(url)
    page.wait_for_load_state("networkidle")
    palette = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert palette == {"light": "default", "dark": "slate"}[scheme], f"{url}: the {scheme} palette was not applied"
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".map(v => ({id: v.id, impact: v.impact, count: v.nodes.length, first: v.nodes[0].target.join(' ')}))"
    )
    context.close()
    return [f"{v['id']} ({v['impact']}, {v['count']}x, first at {v['first']})" for v in violations if v["impact"] in BLOCKING]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_page_has_a_serious_accessibility_violation(site, site_url, browser, scheme):
    problems = {path or "home": axe_problems(browser, site_url + path, scheme) for path in page_paths(site)}
    assert not {page: found for page, found in problems.items() if found}


def test_the_accessibility_gate_fails_on_a_broken_page(broken_url, browser):
    found = " ".join(axe_problems(browser, broken_url + "inaccessible/", "light"))
    assert "image-alt (critical" in found and "color-contrast (serious" in found
