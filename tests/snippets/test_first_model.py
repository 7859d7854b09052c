"""Your first model: the same linear model trained in each framework, and exported to ONNX.

Each file of snippets/first_model/ runs as a reader runs it (tests/snippets/conftest.py) and must
print what its page promises, as checked below.
"""

import re

import pytest

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


EXPECTATIONS = {
    "linear_pytorch.py": check_linear_training,
    "linear_tensorflow.py": check_linear_training,
    "linear_keras.py": check_linear_training,
    "linear_onnx.py": check_linear_onnx,
}

test_prints_what_the_page_promises = expectations_test(EXPECTATIONS)
