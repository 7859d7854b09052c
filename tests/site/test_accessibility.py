"""Accessibility: axe-core on every page, in the light and the dark palette, and the gate seen failing."""

from rosetta.paths import REPO
from support import page_paths

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = {"serious", "critical"}


SCHEMES = {"default": "light", "slate": "dark"}  # Material's palette names, as data-md-color-scheme holds them


def axe_violations(page) -> list[str]:
    """The serious and critical violations axe finds on the page as it is now."""
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    violations = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".map(v => ({id: v.id, impact: v.impact, count: v.nodes.length, first: v.nodes[0].target.join(' ')}))"
    )
    return [f"{v['id']} ({v['impact']}, {v['count']}x, first at {v['first']})" for v in violations if v["impact"] in BLOCKING]


def axe_problems(page, url: str) -> dict[str, list[str]]:
    """The page in both palettes, as a reader sees it: loaded, checked, switched with the palette toggle, checked
    again (charts redraw on the switch). Material remembers the choice, so a page may open in either."""
    page.goto(url)
    page.wait_for_load_state("networkidle")
    found = {}
    for _ in SCHEMES:
        scheme = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
        found[SCHEMES[scheme]] = axe_violations(page)
        page.click(f"label.md-header__button[for^='__palette']:visible")
        page.wait_for_function(f"document.body.getAttribute('data-md-color-scheme') !== '{scheme}'")
    assert set(found) == {"light", "dark"}, f"{url}: the palette toggle did not give both palettes"
    return found


def test_no_page_has_a_serious_accessibility_violation_in_either_palette(site, site_url, browser):
    page = browser.new_page(color_scheme="light")
    problems = {f"{path or 'home'} ({scheme})": found for path in page_paths(site)
                for scheme, found in axe_problems(page, site_url + path).items() if found}
    page.close()
    assert not problems


def test_the_accessibility_gate_fails_on_a_broken_page(broken_url, browser):
    page = browser.new_page(color_scheme="light")
    page.goto(broken_url + "inaccessible/")
    found = " ".join(axe_violations(page))
    page.close()
    assert "image-alt (critical" in found and "color-contrast (serious" in found
