"""Every page as a reader's browser loads it at 1280 px, pointing at each chart: what it transfers
(gzip-compressed, within a budget), that nothing goes to another host, the console shows no error
and no code it shows scrolls sideways; and the weight gate seen failing. (One pass over the pages
serves all four: each page load costs a second.)"""

import gzip
from dataclasses import dataclass

from support import is_foreign, page_paths, pages, parse

PAGE_BUDGET_KIB = 250  # HTML + CSS + JS of one page, gzip-compressed, not counting plotly.js
PLOTLY = "javascripts/plotly.min.js"
VIEWPORT = {"width": 1280, "height": 800}  # a common laptop's width (issue 17)
# The code a page shows (a snippet's source, a notebook's code cell) with every tab of every tabbed
# set displayed, since a hidden tab has no width to measure: how many, and each that scrolls sideways, named.
WIDE_CODE = """() => {
    const style = document.createElement('style');
    style.textContent = '.tabbed-set > .tabbed-content > .tabbed-block { display: block !important; }';
    document.head.append(style);
    const code = [...document.querySelectorAll('.rosetta-exec > .highlight:first-child code, .jp-InputArea pre')];
    return [code.length, code.filter((element) => element.scrollWidth > element.clientWidth).map((element) =>
        (element.closest('.rosetta-exec')?.dataset.source ?? 'a notebook cell') + ': ' +
        element.innerText.split('\\n').reduce((long, line) => line.length > long.length ? line : long, '').trim())];
}"""


@dataclass
class Reading:
    """What the browser did on one page."""

    loaded: bool  # the page's own response was OK
    sizes: dict[str, int]  # gzip size of each HTML, CSS and JS response, by URL
    requested: list[str]  # every address it asked for
    errors: list[str]  # console errors and uncaught exceptions
    code_blocks: int  # code shown, measured
    wide_code: list[str]  # code shown that scrolls sideways: where, and its longest line


def read_page(browser, url: str) -> Reading:
    sizes, requested, errors = {}, [], []
    page = browser.new_page(viewport=VIEWPORT)

    def record(response):
        if response.request.resource_type in ("document", "stylesheet", "script") and response.ok:
            sizes[response.url] = len(gzip.compress(response.body()))
    page.on("response", record)
    page.on("request", lambda request: requested.append(request.url))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    response = page.goto(url)  # "load": the page's own HTML, CSS and scripts are in; what comes later is waited for below
    page.evaluate("""async () => {  // point at each chart, as a reader does who wants its numbers: then plotly.js loads
        for (const chart of document.querySelectorAll('.rosetta-chart')) {
            chart.scrollIntoView();
            chart.dispatchEvent(new PointerEvent('pointerenter'));
            await new Promise((resolve) => setTimeout(resolve, 50));
        }
    }""")
    # A page with a chart has now asked for plotly.js: wait until it has arrived (its response is recorded).
    page.wait_for_function("() => !document.querySelector('.rosetta-chart') || window.Plotly", timeout=30_000)
    page.wait_for_load_state("networkidle")
    code_blocks, wide_code = page.evaluate(WIDE_CODE)
    page.close()
    return Reading(bool(response and response.ok), sizes, requested, errors, code_blocks, wide_code)


def weight_problems(sizes: dict[str, int], has_chart: bool) -> list[str]:
    plotly = [address for address in sizes if address.endswith(PLOTLY)]
    own = sum(size for address, size in sizes.items() if address not in plotly) / 1024
    problems = [f"{own:.0f} KiB over the budget of {PAGE_BUDGET_KIB} KiB"] if own > PAGE_BUDGET_KIB else []
    if bool(plotly) != has_chart:
        problems.append("loads plotly.js without a chart" if plotly else "has a chart but never loaded plotly.js")
    return problems


def test_every_page_loads_without_errors_or_foreign_requests_within_its_weight_budget(site, site_url, browser):
    problems, requests, code_blocks = {}, 0, 0
    for page, path in zip(pages(site), page_paths(site)):
        reading = read_page(browser, site_url + path)
        code_blocks += reading.code_blocks
        found = weight_problems(reading.sizes, bool(parse(page).select(".rosetta-chart")))
        found += [] if reading.loaded else ["did not load"]
        found += [f"console: {error}" for error in reading.errors]
        found += [f"asked another host: {url}" for url in reading.requested if is_foreign(url)]
        found += [f"code scrolls sideways at {VIEWPORT['width']} px: {code}" for code in reading.wide_code]
        if found:
            problems[path or "home"] = found
        requests += len(reading.requested)
    assert not problems
    assert requests > len(pages(site)), "requests were recorded"
    assert code_blocks > 50, "the code the pages show was measured"


def test_the_weight_gate_fails_on_a_heavy_page(broken_url, browser):
    problems = weight_problems(read_page(browser, broken_url + "heavy/").sizes, has_chart=False)
    assert problems and "over the budget" in problems[0]
    assert weight_problems(read_page(browser, broken_url + "jobs/").sizes, has_chart=True) == ["has a chart but never loaded plotly.js"]
