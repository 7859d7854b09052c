"""Page weight: what a reader's browser transfers, compressed, for each page; and the gate seen failing."""

import gzip

from support import page_paths, pages, parse

PAGE_BUDGET_KIB = 250  # HTML + CSS + JS of one page, gzip-compressed, not counting plotly.js
PLOTLY = "javascripts/plotly.min.js"


def transferred(browser, url: str) -> dict[str, int]:
    """gzip size of each HTML, CSS and JS response the page loads, by URL."""
    sizes = {}
    page = browser.new_page()

    def record(response):
        if response.request.resource_type in ("document", "stylesheet", "script") and response.ok:
            sizes[response.url] = len(gzip.compress(response.body()))
    page.on("response", record)
    page.goto(url)  # "load": the page's own HTML, CSS and scripts are in; what comes later is waited for below
    page.evaluate("""async () => {  // read on to each chart, as a reader does: charts load as they come into view
        for (const chart of document.querySelectorAll('.rosetta-chart')) {
            chart.scrollIntoView();
            await new Promise((resolve) => setTimeout(resolve, 50));
        }
    }""")
    # A page with a chart has now asked for plotly.js: wait until it has arrived (its response is recorded).
    page.wait_for_function("() => !document.querySelector('.rosetta-chart') || window.Plotly", timeout=30_000)
    page.wait_for_load_state("networkidle")
    page.close()
    return sizes


def weight_problems(browser, url: str, has_chart: bool) -> list[str]:
    sizes = transferred(browser, url)
    plotly = [address for address in sizes if address.endswith(PLOTLY)]
    own = sum(size for address, size in sizes.items() if address not in plotly) / 1024
    problems = [f"{own:.0f} KiB over the budget of {PAGE_BUDGET_KIB} KiB"] if own > PAGE_BUDGET_KIB else []
    if bool(plotly) != has_chart:
        problems.append("loads plotly.js without a chart" if plotly else "has a chart but never loaded plotly.js")
    return problems


def test_every_page_stays_within_its_weight_budget(site, site_url, browser):
    problems = {}
    for page, path in zip(pages(site), page_paths(site)):
        found = weight_problems(browser, site_url + path, bool(parse(page).select(".rosetta-chart")))
        if found:
            problems[path or "home"] = found
    assert not problems


def test_the_weight_gate_fails_on_a_heavy_page(broken_url, browser):
    problems = weight_problems(browser, broken_url + "heavy/", has_chart=False)
    assert problems and "over the budget" in problems[0]
    assert weight_problems(browser, broken_url + "jobs/", has_chart=True) == ["has a chart but never loaded plotly.js"]
