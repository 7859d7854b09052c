"""The digits classifier running in the reader's browser (docs/in-browser.md), checked against the same ONNX file
run here by ONNX Runtime for Python."""

import json

import numpy as np
import onnxruntime as ort
import pytest

from rosetta.digits.in_browser import INK, SIDE
from rosetta.vocabulary import FLOAT_TOLERANCE
from support import parse

pytestmark = pytest.mark.browser
READY = "#rosetta-digits[data-ready='true']"
LOADING = 120_000  # ms: 14 MB of WebAssembly compiled beside a test session


@pytest.fixture(scope="module")
def published(site):
    """The page's bundled cases, and the published ONNX file in a Python session."""
    folder = site / "in-browser"
    cases = json.loads(parse(folder / "index.html").select_one(".rosetta-digits__cases").string)
    session = ort.InferenceSession(str(folder / "digits_classifier.onnx"), providers=["CPUExecutionProvider"])
    return cases, lambda images: session.run(None, {session.get_inputs()[0].name: np.asarray(images, np.float32) / INK})[0]


def assert_prediction_of(page, pixels, run) -> None:
    """Once the page shows the prediction for `pixels` (each change is classified in turn), it is Python's:
    the same digit, with the same probability to the tenth of a percent shown."""
    page.wait_for_function("pixels => document.querySelector('.rosetta-digits__prediction').dataset.pixels === pixels",
                           arg=",".join(map(str, pixels)))
    logits = run([pixels])[0]
    text = page.locator(".rosetta-digits__prediction").inner_text()
    assert int(page.locator(".rosetta-digits__prediction strong").inner_text()) == int(logits.argmax())
    assert float(text.split("(")[1].rstrip("%)")) == pytest.approx(100 / np.exp(logits - logits.max()).sum(), abs=0.06)
    best = page.locator(".rosetta-digits__probabilities .rosetta-digits__best th").inner_text()
    assert best == str(int(logits.argmax())), "the table marks the predicted digit"


def test_the_browser_s_logits_match_pytorch_s_on_the_bundled_test_images(page, published):
    cases, run = published
    page.goto("in-browser/")
    page.wait_for_selector(READY, timeout=LOADING)
    parity = page.locator(".rosetta-digits__parity")
    largest = float(parity.get_attribute("data-largest-difference"))
    python = run(cases["images"])
    assert largest <= FLOAT_TOLERANCE
    assert largest == pytest.approx(np.abs(python - np.asarray(cases["pytorch_logits"])).max(), abs=1e-6), \
        "the browser ran the published file as ONNX Runtime for Python does"
    same = int((python.argmax(axis=1) == np.argmax(cases["pytorch_logits"], axis=1)).sum())
    assert f"the same digit is predicted for {same} of {len(cases['images'])}" in parity.inner_text()
    assert f"is {largest:.1e}, within the tolerance" in parity.inner_text()
    # The first test image is on the grid, and its prediction is shown.
    assert_prediction_of(page, cases["images"][0], run)
    assert page.locator(".rosetta-digits__cell[aria-pressed='true']").count() == sum(p > 0 for p in cases["images"][0])
    requested = [url for url in page.requested if "onnxruntime-web" in url or url.endswith(".onnx")]
    assert any(url.endswith(".wasm") for url in requested) and any(url.endswith("digits_classifier.onnx") for url in requested)


def test_a_digit_drawn_with_the_keyboard_is_classified_as_python_classifies_it(page, published):
    cases, run = published
    page.goto("in-browser/")
    page.wait_for_selector(READY, timeout=LOADING)
    page.get_by_role("button", name="Clear the grid").click()
    assert page.locator(".rosetta-digits__cell[aria-pressed='true']").count() == 0
    # A "1": the keyboard moves to row 2, column 5, then inks it and the five cells below.
    page.get_by_role("button", name="Row 1, column 1", exact=True).focus()
    for key in ["ArrowDown"] + ["ArrowRight"] * 4:
        page.keyboard.press(key)
    pixels = [0] * (SIDE * SIDE)
    for row in range(1, 7):
        page.keyboard.press("Space")
        pixels[row * SIDE + 4] = INK
        page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Row 8, column 5"
    pressed = page.locator(".rosetta-digits__cell[aria-pressed='true']")
    assert [cell.get_attribute("aria-label") for cell in pressed.all()] == [f"Row {row}, column 5" for row in range(2, 8)]
    assert_prediction_of(page, pixels, run)
    # A click erases an inked cell, and the prediction follows.
    page.get_by_role("button", name="Row 7, column 5", exact=True).click()
    pixels[6 * SIDE + 4] = 0
    assert_prediction_of(page, pixels, run)


def test_a_picked_test_image_is_drawn_and_classified(page, published):
    cases, run = published
    page.goto("in-browser/")
    page.wait_for_selector(READY, timeout=LOADING)
    pick = len(cases["images"]) - 1
    page.get_by_label("Start from a test image").select_option(str(pick))
    assert_prediction_of(page, cases["images"][pick], run)
    inked = page.locator(".rosetta-digits__cell[aria-pressed='true']").count()
    assert inked == sum(pixel > 0 for pixel in cases["images"][pick])


def test_without_webassembly_the_page_says_so_instead_of_a_blank_grid(browser, site_url):
    context = browser.new_context(base_url=site_url)
    context.add_init_script("delete globalThis.WebAssembly")
    page = context.new_page()
    page.goto("in-browser/")
    status = page.locator(".rosetta-digits__status")
    page.wait_for_function("() => document.querySelector('.rosetta-digits__status').textContent.includes('no WebAssembly')")
    assert status.is_visible() and not page.locator(".rosetta-digits__grid").is_visible()
    assert not page.locator(".rosetta-digits__parity").is_visible(), "no promise of a comparison that cannot come"
    context.close()


def test_a_stroke_drawn_with_the_mouse_inks_every_cell_it_crosses(page, published):
    cases, run = published
    page.goto("in-browser/")
    page.wait_for_selector(READY, timeout=LOADING)
    page.get_by_role("button", name="Clear the grid").click()
    page.locator(".rosetta-digits__grid").scroll_into_view_if_needed()

    def centre(row: int, column: int) -> tuple[float, float]:
        box = page.get_by_role("button", name=f"Row {row}, column {column}", exact=True).bounding_box()
        return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2

    page.mouse.move(*centre(4, 2))
    page.mouse.down()
    for column in range(3, 8):
        page.mouse.move(*centre(4, column), steps=4)
    page.mouse.up()
    pixels = [INK if row == 3 and 1 <= column <= 6 else 0 for row in range(SIDE) for column in range(SIDE)]
    pressed = page.locator(".rosetta-digits__cell[aria-pressed='true']")
    assert [cell.get_attribute("aria-label") for cell in pressed.all()] == [f"Row 4, column {c}" for c in range(2, 8)]
    assert_prediction_of(page, pixels, run)
