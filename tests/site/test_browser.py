"""The built site in headless Chromium, as a reader meets it."""

import json

import pytest

from rosetta.paths import REPO
from rosetta.site.static_charts import WIDTH
from rosetta.vocabulary import TRAINING_FRAMEWORKS
from support import pages, parse

pytestmark = pytest.mark.browser


def test_a_chosen_tab_follows_the_reader_to_the_next_page(page):
    page.goto("")
    page.locator(".tabbed-labels label", has_text="TensorFlow").first.click()
    page.locator(".md-nav a", has_text="Your first model").first.click()
    page.wait_for_url("**/first-model/")
    checked = page.locator(".tabbed-set").first.locator("input:checked")
    tab_label = page.locator(f"label[for='{checked.get_attribute('id')}']")
    assert tab_label.inner_text() == "TensorFlow"
    assert "import tensorflow as tf" in page.locator(".tabbed-block").nth(1).inner_text()


def test_the_jax_tab_shows_its_code_and_what_it_printed(page):
    page.goto("jobs/")
    page.locator(".tabbed-labels label", has_text="JAX").first.click()
    shown = page.locator(".tabbed-set").first.locator(".tabbed-block:visible")
    code, output = shown.locator("pre").nth(0).inner_text(), shown.locator("pre").nth(1).inner_text()
    assert "import jax" in code and output.strip(), (code, output)


def plotly_requests(page) -> int:
    return len([url for url in page.requested if url.endswith("plotly.min.js")])


def test_a_chart_is_its_picture_until_the_reader_points_at_it_then_plotly_draws_it_in_place(page):
    page.goto("benchmarks/")  # its first screen holds a chart
    page.wait_for_load_state("networkidle")
    chart = page.locator(".rosetta-chart").first
    assert chart.locator("svg.rosetta-chart__static").is_visible()
    assert "PyTorch eager" in chart.locator("svg.rosetta-chart__static").inner_html(), "the picture names the runtimes"
    assert plotly_requests(page) == 0, "plotly.js waits until a reader points at a chart"
    box = chart.bounding_box()
    chart.hover()
    chart.locator("svg.main-svg").first.wait_for()
    assert chart.locator(".rosetta-chart__static").count() == 0, "the interactive chart takes the picture's place"
    assert plotly_requests(page) == 1
    assert chart.bounding_box()["height"] == pytest.approx(box["height"], abs=1), "nothing below the chart moves"
    page.locator(".rosetta-chart").nth(1).hover()
    page.locator(".rosetta-chart").nth(1).locator("svg.main-svg").first.wait_for()
    assert plotly_requests(page) == 1, "plotly.js is fetched once per page"


def test_the_site_s_plotly_draws_every_trace_type_the_pages_use(page, site):
    used = {trace.get("type", "scatter") for built in pages(site) for chart in parse(built).select(".rosetta-chart script")
            for trace in json.loads(chart.string)["data"]}
    page.goto("first-model/")
    page.locator(".rosetta-chart").first.hover()
    page.locator(".rosetta-chart svg.main-svg").first.wait_for()
    drawable = set(page.evaluate("Object.keys(Plotly.PlotSchema.get().traces)"))
    assert {"bar", "scatter", "heatmap"} <= used <= drawable


def test_search_finds_onnx(page):
    page.goto("")
    page.locator("input.md-search__input").click()
    page.keyboard.type("ONNX", delay=50)  # as a reader types: Material searches on key events
    results = page.locator(".md-search-result__item")
    results.first.wait_for()
    assert results.count() >= 2
    assert "ONNX" in results.first.inner_text()


def test_the_search_index_is_asked_for_only_once_the_page_has_loaded(page):
    page.goto("porting/")
    index = "performance.getEntriesByType('resource').find(entry => entry.name.endsWith('/search/search_index.json'))"
    page.wait_for_function(f"!!{index}")
    asked, loaded = page.evaluate(f"[{index}.startTime, performance.getEntriesByType('navigation')[0].loadEventEnd]")
    assert asked >= loaded > 0, f"the index was asked for at {asked:.0f} ms, the page loaded at {loaded:.0f} ms"


def test_a_chart_follows_the_palette_as_a_picture_and_once_drawn_on_the_next_page(page):
    page.goto("")
    page.locator(".md-nav a", has_text="Your first model").first.click()
    chart = page.locator(".rosetta-chart")
    text_colour = "chart => getComputedStyle(chart.querySelector('svg text')).fill"
    light = chart.evaluate(text_colour)
    page.locator("form[data-rosetta-palette] label:visible").first.click()
    page.wait_for_function(f"old => ({text_colour})(document.querySelector('.rosetta-chart')) !== old", arg=light)
    dark = page.evaluate("getComputedStyle(document.body).getPropertyValue('--md-typeset-color').trim()")
    chart.hover()
    chart.locator("svg.main-svg").first.wait_for()
    assert chart.locator(".scatterlayer .trace").count() == len(TRAINING_FRAMEWORKS)  # one line per framework
    page.wait_for_function("dark => document.querySelector('.rosetta-chart')._fullLayout.font.color === dark", arg=dark)
    page.locator("form[data-rosetta-palette] label:visible").first.click()
    page.wait_for_function("dark => document.querySelector('.rosetta-chart')._fullLayout.font.color !== dark", arg=dark)


SCHEME = "document.body.dataset.mdColorScheme"
EVERY_FRAME_S_SCHEME = """window.schemesDrawn = [];
(function record() {
  if (document.body) window.schemesDrawn.push(document.body.dataset.mdColorScheme);
  if (document.readyState !== "complete") requestAnimationFrame(record);
})();"""


def test_the_palette_follows_the_system_from_the_first_frame_until_the_reader_chooses_one(browser, site_url):
    context = browser.new_context(base_url=site_url, color_scheme="dark")
    context.add_init_script(EVERY_FRAME_S_SCHEME)
    page = context.new_page()
    page.goto("jobs/")
    drawn = page.evaluate("window.schemesDrawn")
    assert drawn and set(drawn) == {"slate"}, f"a frame was drawn in another palette than the system's: {drawn}"
    page.emulate_media(color_scheme="light")
    page.wait_for_function(f"{SCHEME} === 'default'")  # followed live while the reader has not chosen
    page.locator("form[data-rosetta-palette] label:visible").click()
    assert page.evaluate(SCHEME) == "slate"
    page.emulate_media(color_scheme="dark")
    page.emulate_media(color_scheme="light")
    page.goto("porting/")
    assert page.evaluate(SCHEME) == "slate", "the reader's choice outlives the system's and the page"
    assert page.locator("meta[name='color-scheme']").get_attribute("content") == "dark", "scroll bars follow"
    toggle = page.locator("form[data-rosetta-palette] label:visible")
    offered = toggle.get_attribute("title")
    page.locator("form[data-rosetta-palette] input:checked").focus()
    page.keyboard.press("Enter")
    assert page.evaluate(SCHEME) == "default", "Enter switches, as on the theme's toggle"
    assert toggle.get_attribute("title") != offered, "the toggle now offers the other palette"
    context.close()


def test_a_chart_in_a_hidden_tab_shows_at_full_width_when_opened(page):
    page.goto("first-model/")
    page.locator(".tabbed-labels label", has_text="What was measured").click()
    page.reload()  # linked tabs restore the reader's choice: the chart's tab is hidden
    page.locator(".tabbed-labels label", has_text="What was measured").scroll_into_view_if_needed()
    page.wait_for_load_state("networkidle")
    chart = page.locator(".rosetta-chart")
    assert not chart.is_visible() and plotly_requests(page) == 0
    page.locator(".tabbed-labels label", has_text="Chart").click()
    picture = chart.locator("svg.rosetta-chart__static")
    assert picture.bounding_box()["width"] == pytest.approx(min(chart.evaluate("c => c.clientWidth"), WIDTH), abs=1)
    chart.hover()
    chart.locator("svg.main-svg").first.wait_for()
    page.wait_for_function(
        "() => { const c = document.querySelector('.rosetta-chart');"
        " return Math.abs(c.querySelector('svg.main-svg').getBoundingClientRect().width - c.clientWidth) < 2; }"
    )
    assert chart.evaluate("c => c.clientWidth") > 400


def test_the_decision_guide_ranks_the_frameworks_from_the_reader_s_answers(page, site):
    from rosetta.guide.data import load, rank, with_measured

    cells = json.loads((site / "benchmarks" / "dl-rosetta-benchmarks.json").read_text(encoding="utf-8"))["cells"]
    questions = with_measured(load(), cells)
    page.goto("which-framework/")
    guide = page.locator("#rosetta-guide")
    assert guide.is_visible(), "the script shows the guide"
    assert page.locator(".rosetta-guide__summary").inner_text().startswith("Answer any question")
    # A keyboard reader: the arrow keys move through a question's answers and choose them.
    page.locator("input[name=target][value='']").focus()
    for _ in range(2):
        page.keyboard.press("ArrowDown")
    page.get_by_role("radio", name="PyTorch", exact=True).check()
    page.get_by_role("radio", name="Training speed").check()
    chosen = {"target": "phone", "stack": "pytorch", "speed": "training"}
    assert page.locator("input[name=target]:checked").get_attribute("value") == "phone"
    shown = [(card.get_attribute("data-framework"), int(card.get_attribute("data-points")))
             for card in guide.locator(".rosetta-guide__framework").all()]
    assert shown == rank(questions, chosen)
    first = guide.locator(".rosetta-guide__framework").first
    assert first.locator("[data-answer]:visible").count() == sum(
        1 for question in questions for answer in question.answers for favour in answer.favours
        if chosen.get(question.id) == answer.id and favour.framework == shown[0][0])
    assert f"with {shown[0][1]} points" in page.locator(".rosetta-guide__summary").inner_text()


def test_a_code_block_gets_its_copy_button_when_the_reader_reaches_it_and_the_button_copies_the_file(page):
    source = (REPO / "snippets" / "porting" / "resize_nearest_keras.py").read_text(encoding="utf-8")
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto("porting/")  # its last block is far below the first screen
    page.wait_for_load_state("load")
    block = page.locator("div.highlight", has_text=source.splitlines()[0]).last
    copy = block.locator("button[data-md-type='copy']")
    assert copy.count() == 0, "the theme mounts a block when it comes into view, not on load"
    block.scroll_into_view_if_needed()
    copy.click()
    assert page.evaluate("navigator.clipboard.readText()") == source.rstrip()
