"""The digits classifier in the reader's browser: the drawing grid, the test images and PyTorch's logits, as HTML.

The page's script (docs/javascripts/digits.js) runs the build's ONNX file with ONNX Runtime Web on
what the grid holds, and on every bundled test image to compare its logits with PyTorch's. The
markup is one HTML block with no blank line, so that Markdown leaves it as it is; without
JavaScript it is hidden (a <noscript> style) and a note says what the page would do.
"""

import json
from html import escape

import numpy as np

SIDE = 8  # the digits are 8 by 8 images
INK = 16  # the darkest pixel of scikit-learn's digits; the model takes pixel / INK


def bundled_cases(inputs, labels, pytorch_logits, per_digit: int) -> dict:
    """The first `per_digit` test images of each digit, in test order: pixels as integers 0..INK, their labels
    and PyTorch's logits for them (float32 values, written in full)."""
    chosen = sorted(index for digit in range(10) for index in np.flatnonzero(labels == digit)[:per_digit])
    pixels = np.rint(inputs[chosen] * INK).astype(int)
    if not np.allclose(pixels / INK, inputs[chosen]):
        raise ValueError(f"the test images are not pixels / {INK}: the page could not give the model what it was trained on")
    return {"images": pixels.tolist(), "labels": [int(labels[i]) for i in chosen],
            "pytorch_logits": [[float(value) for value in row] for row in pytorch_logits[chosen].astype(np.float32)]}


def _grid() -> str:
    cells = [f'<button type="button" class="rosetta-digits__cell" aria-pressed="false" tabindex="{0 if index == 0 else -1}" '
             f'aria-label="Row {index // SIDE + 1}, column {index % SIDE + 1}"></button>' for index in range(SIDE * SIDE)]
    return ('<div class="rosetta-digits__grid" role="group" aria-label="Drawing grid, 8 by 8: arrow keys move, '
            f'Space or Enter inks or erases a cell" aria-describedby="rosetta-digits-help">{"".join(cells)}</div>')


def widget(cases: dict, model_file: str, tolerance: float) -> str:
    """The interactive block: choices, the grid, the prediction, the parity figure, and the cases as JSON."""
    options = "".join(f'<option value="{index}">Test image {index + 1} (a {label})</option>'
                      for index, label in enumerate(cases["labels"]))
    data = json.dumps(cases, separators=(",", ":")).replace("</", "<\\/")
    return "\n".join([
        "<noscript><style>.rosetta-digits{display:none}</style><p><strong>This part needs JavaScript:</strong> it runs "
        "the model in your browser. The figures below it were measured by the build.</p></noscript>",
        f'<div class="rosetta-digits" id="rosetta-digits" data-model="{escape(model_file)}" data-tolerance="{tolerance}">',
        '<p class="rosetta-digits__status" role="status" aria-live="polite">Waiting for the page to load before '
        "fetching ONNX Runtime Web and the model.</p>",
        '<div class="rosetta-digits__controls"><label>Start from a test image '
        f'<select class="rosetta-digits__pick">{options}</select></label> '
        '<button type="button" class="md-button rosetta-digits__clear">Clear the grid</button></div>',
        f'<p id="rosetta-digits-help" class="rosetta-digits__help">Draw with the mouse or a finger, or with the keyboard: '
        "the arrow keys move between cells, Space or Enter inks an empty cell and erases an inked one.</p>",
        '<div class="rosetta-digits__board">', _grid(),
        '<div class="rosetta-digits__result"><p class="rosetta-digits__prediction" aria-live="polite">No prediction yet.</p>',
        '<table class="rosetta-digits__probabilities"><caption>Probability of each digit (softmax of the logits)</caption>',
        "<thead><tr><th scope=\"col\">Digit</th><th scope=\"col\">Probability</th></tr></thead><tbody>",
        "".join(f'<tr data-digit="{digit}"><th scope="row">{digit}</th><td><span class="rosetta-digits__bar"></span>'
                '<span class="rosetta-digits__percent">–</span></td></tr>' for digit in range(10)),
        "</tbody></table></div></div>",
        '<p class="rosetta-digits__parity" aria-live="polite">The comparison with PyTorch appears once the model has run '
        "on the bundled test images.</p>",
        f'<script type="application/json" class="rosetta-digits__cases">{data}</script>',
        "</div>",
    ])
