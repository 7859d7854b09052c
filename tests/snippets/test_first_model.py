"""Your first model: the same linear model trained in each framework, and exported to ONNX.

Each file of snippets/first_model/ runs as a reader runs it (tests/snippets/conftest.py) and must
print what its page promises, as checked below.
"""

import re

from rosetta.paths import REPO

import pytest

from rosetta.vocabulary import TRAINING_FRAMEWORKS
from support import expectations_test, numbers_after


def check_linear_training(out: str) -> None:
    losses = numbers_after("epoch", out)[1::2]  # "epoch N  loss X": every second number
    assert len(losses) == 10 and losses[-1] < losses[0] / 100, f"the loss did not fall: {losses}"
    assert numbers_after("final loss", out)[0] < 0.02
    w0, w1, w2, bias = numbers_after("learned weights", out)
    assert [w0, w1, w2, bias] == pytest.approx([2.0, -3.0, 0.5, 1.0], abs=0.1)


def check_linear_onnx(out: str) -> None:
    assert "input 'features' shape ['batch', 3]" in out, "the batch dimension is not symbolic"
    rows = re.findall(r"batch\s+(\d+): output \((\d+), 1\), max \|ONNX - PyTorch\| = (\S+)", out)
    assert [(int(b), int(n)) for b, n, _ in rows] == [(1, 1), (7, 7), (100, 100)], out
    assert all(float(diff) < 1e-5 for _, _, diff in rows), out


SNIPPETS = REPO / "snippets" / "first_model"

EXPECTATIONS = {
    **{f"linear_{framework.slug}.py": check_linear_training for framework in TRAINING_FRAMEWORKS},
    "linear_onnx.py": check_linear_onnx,
}

test_prints_what_the_page_promises = expectations_test(EXPECTATIONS)


def test_every_tab_prints_the_same_losses(snippet_output):
    """Same data, same starting weights, same Adam settings: the tabs agree to the printed decimals
    (one unit of the fourth, where float32 rounding lands on either side of a printed digit)."""
    losses = {framework.slug: numbers_after("epoch", snippet_output(SNIPPETS / f"linear_{framework.slug}.py").stdout)[1::2]
              for framework in TRAINING_FRAMEWORKS}
    reference = losses.pop("pytorch")
    for framework, printed in losses.items():
        assert printed == pytest.approx(reference, abs=1.5e-4), f"{framework}: {printed} against PyTorch's {reference}"
