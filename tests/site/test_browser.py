"""The built site in headless Chromium, as a reader meets it."""

import json

import pytest

from rosetta.vocabulary import TRAINING_FRAMEWORKS
from support import pages, parse

pytestmark = pytest.mark.browser


def test_a_chosen_tab_follows_the_reader_to_the_next_page(page):
    page.goto("")
    page.locator(".tabbed-labels label", has_text="TensorFlow").first.click()
    page.locator(".md-nav a", has_text="Your first model").first.click()  # instant navigation
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


def test_plotly_is_fetched_only_when_a_chart_comes_into_view(page):
    page.goto("deployment/")
    page.wait_for_load_state("networkidle")
    assert not [url for url in page.requested if url.endswith("plotly.min.js")], "the top of the page has no chart"
    page.locator(".rosetta-chart").first.scroll_into_view_if_needed()
    page.locator(".rosetta-chart svg.main-svg").first.wait_for()
    assert len([url for url in page.requested if url.endswith("plotly.min.js")]) == 1


def test_the_site_s_plotly_draws_every_trace_type_the_pages_use(page, site):
    used = {trace.get("type", "scatter") for built in pages(site) for chart in parse(built).select(".rosetta-chart script")
            for trace in json.loads(chart.string)["data"]}
    page.goto("first-model/")
    page.locator(".rosetta-chart").first.scroll_into_view_if_needed()
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


def test_a_chart_draws_after_instant_navigation_and_follows_the_palette(page):
    page.goto("")
    page.locator(".md-nav a", has_text="Your first model").first.click()
    chart = page.locator(".rosetta-chart")
    chart.scroll_into_view_if_needed()  # charts are drawn when they come near the viewport
    chart.locator("svg.main-svg").first.wait_for()
    assert chart.locator(".scatterlayer .trace").count() == len(TRAINING_FRAMEWORKS)  # one line per framework
    light = chart.evaluate("element => element._fullLayout.font.color")
    page.locator("form[data-md-component='palette'] label:visible").first.click()
    page.wait_for_function(
        "old => document.querySelector('.rosetta-chart')._fullLayout.font.color !== old", arg=light
    )


def test_a_chart_in_a_hidden_tab_draws_at_full_width_when_opened(page):
    page.goto("first-model/")
    page.locator(".tabbed-labels label", has_text="What was measured").click()
    page.reload()  # linked tabs restore the reader's choice: the chart's tab is hidden
    page.locator(".tabbed-labels label", has_text="What was measured").scroll_into_view_if_needed()
    page.wait_for_load_state("networkidle")
    assert page.locator(".rosetta-chart svg.main-svg").count() == 0, "a hidden chart is not drawn (nor plotly fetched)"
    page.locator(".tabbed-labels label", has_text="Chart").click()
    page.locator(".rosetta-chart svg.main-svg").first.wait_for()
    page.wait_for_function(
        "() => { const c = document.querySelector('.rosetta-chart');"
        " return Math.abs(c.querySelector('svg.main-svg').getBoundingClientRect().width - c.clientWidth) < 2; }"
    )
    assert page.locator(".rosetta-chart").evaluate("c => c.clientWidth") > 400


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
