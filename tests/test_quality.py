"""Site quality gates: accessibility, links, determinism, page weight, search, provenance.

Each gate runs on the real build, and each is also run on a deliberately broken page, to show
that it can fail (a gate that cannot fail proves nothing).
"""

import base64
import gzip
import os
import re
import shutil
import tomllib

import pytest
from bs4 import BeautifulSoup

import diff_builds
import links_report
from conftest import REPO, mkdocs_build
from local_server import serve
from test_build_errors import add_page, add_snippet
from test_site import pages, parse

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = {"serious", "critical"}
PAGE_BUDGET_KIB = 250  # HTML + CSS + JS of one page, gzip-compressed, not counting plotly.js
PLOTLY = "javascripts/plotly.min.js"
SEARCH_QUESTIONS = tomllib.loads((REPO / "tests" / "search_questions.toml").read_text(encoding="utf-8"))["questions"]


def page_paths(site) -> list[str]:
    return [page.parent.relative_to(site).as_posix() + "/" if page.parent != site else "" for page in pages(site)]


# Accessibility: axe-core, in the light and the dark palette.

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


# Page weight: what a reader's browser transfers, compressed, for each page.

def transferred(browser, url: str) -> dict[str, int]:
    """gzip size of each HTML, CSS and JS response the page loads, by URL."""
    sizes = {}
    page = browser.new_page()

    def record(response):
        if response.request.resource_type in ("document", "stylesheet", "script") and response.ok:
            sizes[response.url] = len(gzip.compress(response.body()))
    page.on("response", record)
    page.goto(url)
    page.wait_for_load_state("networkidle")
    page.evaluate("""async () => {  // read to the end, as a reader does: charts load as they come into view
        for (let y = 0; y < document.body.scrollHeight; y += innerHeight / 2) {
            scrollTo(0, y);
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


# Search: the questions a reader types, and the page that must come up in the first three.

def top_results(browser, base_url: str, question: str, count: int = 3) -> list[str]:
    page = browser.new_page()
    page.goto(base_url)
    page.click(".md-search__input")
    page.keyboard.type(question)
    page.wait_for_selector(".md-search-result__item")
    page.wait_for_timeout(300)  # the list is filled as results stream in
    links = [item.get_attribute("href") for item in page.query_selector_all(".md-search-result__item > .md-search-result__link")]
    page.close()
    found = dict.fromkeys(re.sub(r"^.*?//[^/]+/|[?#].*$", "", link) for link in links)  # a page's sections follow it
    return list(found)[:count]


def test_every_search_question_finds_its_page_in_the_first_three(site_url, browser):
    assert len(SEARCH_QUESTIONS) == 20
    misses = {}
    for entry in SEARCH_QUESTIONS:
        found = top_results(browser, site_url, entry["question"])
        if entry["page"] not in found:
            misses[entry["question"]] = f"expected {entry['page']}, got {found}"
    assert not misses


# Provenance: every page says when, with what and on what it was built, and which files it ran.

# The repository comes from ROSETTA_REPO_URL (set by the workflows) or mkdocs.yml; the commit is the one built.
SOURCE_LINK = re.compile(r"https://github\.com/[\w.-]+/[\w.-]+/blob/[0-9a-f]{40}/(snippets|scripts|docs)/\S+\.py")


def provenance_problems(page_html: str) -> list[str]:
    soup = BeautifulSoup(page_html, "html.parser")
    footer = soup.select_one(".md-copyright")
    problems = []
    if not footer or not re.search(r"built \d{4}-\d\d-\d\d on .+ \(\d+ cores\) with Python 3\.11", footer.get_text(" ")):
        problems.append("no build date, CPU and versions in the footer")
    executed = soup.select(".rosetta-exec, .jp-CodeCell")
    links = [a["href"] for a in soup.select(".rosetta-provenance a[href]")]
    if executed and not links:
        problems.append("runs files but links none of them")
    problems += [f"bad source link {href}" for href in links if not SOURCE_LINK.fullmatch(href)]
    return problems


def test_every_page_links_the_exact_files_it_ran(site):
    problems = {page.relative_to(site).as_posix(): provenance_problems(page.read_text(encoding="utf-8")) for page in pages(site)}
    assert not {page: found for page, found in problems.items() if found}
    deployment = parse(site / "deployment" / "index.html")
    linked = {a.get_text() for a in deployment.select(".rosetta-provenance a")}
    shown = {block["data-source"] for block in deployment.select(".rosetta-exec")}
    assert linked == shown and all((REPO / path).is_file() for path in linked)


# Links: every internal link and anchor resolves; external links are reported, not fetched.

def test_every_internal_link_and_anchor_resolves_and_external_links_are_reported(site, tmp_path):
    broken, external = links_report.check(site)
    assert broken == []
    assert len(external) > 20 and all(url.startswith(("http://", "https://", "mailto:")) for url in external)
    assert links_report.main([str(site), "--output", str(tmp_path / "links.md")]) == 0
    report = (tmp_path / "links.md").read_text(encoding="utf-8")
    assert "Broken internal links: 0" in report and f"External links (not fetched): {len(external)}" in report


# Determinism: two fresh builds say the same thing once timings are masked.

SAMPLE = ["snippets/hello/matmul_pytorch.py", "snippets/jobs/gradient_tensorflow.py", "snippets/first_model/linear_keras.py",
          "scripts/gen_comparison_table.py"]


def sample_project(project, extra=()):
    shutil.copytree(REPO / "snippets", project / "snippets", dirs_exist_ok=True)
    linked = ["pytorch.md", "keras.md", "tensorflow.md", "deployment.md"]  # pages the fact table links to
    for name in linked:
        (project / "docs" / name).write_text(f"# {name}\n")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("nav: [index.md]", f"nav: [index.md, {', '.join(linked)}]"))
    add_page(project, *SAMPLE, *extra)


def test_two_fresh_builds_of_sample_pages_say_the_same(project, tmp_path):
    sample_project(project)
    first, second = mkdocs_build(project, tmp_path / "a"), mkdocs_build(project, tmp_path / "b")
    assert first.returncode == second.returncode == 0, first.stderr[-2000:]
    assert diff_builds.differences(tmp_path / "a", tmp_path / "b") == []
    assert diff_builds.main([str(tmp_path / "a"), str(tmp_path / "b")]) == 0


def test_masking_hides_timings_and_dates_only():
    text = diff_builds.masked_text("<p>built 2026-11-25: 12.5 ms ± 0.3 ms, 1,234 samples/s, 79% of 166 ⚠, loss 0.0042</p>")
    assert text == "built <date>: <time>, <time>, <share> of 166, loss 0.0042"


# Each gate, seen failing on a deliberately broken page.

@pytest.fixture(scope="module")
def broken_site(site, tmp_path_factory):
    """A copy of the site with one page broken in each way a gate must catch."""
    broken = tmp_path_factory.mktemp("broken") / "site"
    shutil.copytree(site, broken)
    jobs = (site / "jobs" / "index.html").read_text(encoding="utf-8")
    spoil = {
        "inaccessible": '<img src="digits.png"><p style="color:#c8c8c8;background:#ffffff">faint text</p>',
        "heavy": f"<script>/* {base64.b64encode(os.urandom(400_000)).decode()} */</script>",  # incompressible
        "dead-links": '<a href="../no-such-page/">gone</a> <a href="../jobs/#no-such-section">missing anchor</a>',
    }
    for name, markup in spoil.items():
        (broken / name).mkdir()
        (broken / name / "index.html").write_text(jobs.replace("<article", markup + "<article", 1), encoding="utf-8")
    return broken


@pytest.fixture(scope="module")
def broken_url(broken_site):
    yield from serve(broken_site)


def test_the_accessibility_gate_fails_on_a_broken_page(broken_url, browser):
    found = " ".join(axe_problems(browser, broken_url + "inaccessible/", "light"))
    assert "image-alt (critical" in found and "color-contrast (serious" in found


def test_the_weight_gate_fails_on_a_heavy_page(broken_url, browser):
    problems = weight_problems(browser, broken_url + "heavy/", has_chart=False)
    assert problems and "over the budget" in problems[0]
    assert weight_problems(browser, broken_url + "jobs/", has_chart=True) == ["has a chart but never loaded plotly.js"]


def test_the_link_gate_fails_on_dead_links(broken_site):
    broken, _ = links_report.check(broken_site)
    assert broken == ["dead-links/index.html: link '../no-such-page/' reaches no file of the build",
                      "dead-links/index.html: link '../jobs/#no-such-section': no id 'no-such-section' on jobs/index.html"]
    assert links_report.main([str(broken_site)]) == 1


def test_the_search_gate_fails_when_the_expected_page_is_not_found(site_url, browser):
    assert "pitfalls/" not in top_results(browser, site_url, "TPUStrategy")


def test_the_provenance_gate_fails_on_a_page_without_it(site):
    page = (site / "jobs" / "index.html").read_text(encoding="utf-8")
    stripped = re.sub(r'<details class="rosetta-provenance">.*?</details>', "", page, flags=re.DOTALL)
    stripped = re.sub(r'<div class="md-copyright">.*?</div>', "", stripped, flags=re.DOTALL)
    assert provenance_problems(stripped) == [
        "no build date, CPU and versions in the footer", "runs files but links none of them"]


def test_the_determinism_gate_fails_on_a_page_that_prints_a_random_number(project, tmp_path):
    add_snippet(project, "noise_pytorch.py", "import random\nprint('loss', random.random())\n")
    sample_project(project, extra=["snippets/demo/noise_pytorch.py"])
    first, second = mkdocs_build(project, tmp_path / "a"), mkdocs_build(project, tmp_path / "b")
    assert first.returncode == second.returncode == 0, first.stderr[-2000:]
    differences = diff_builds.differences(tmp_path / "a", tmp_path / "b")
    assert len(differences) == 1 and differences[0].startswith("index.html: ") and "loss 0." in differences[0]
