"""What a framework does: the five jobs, in each framework.

Each file of snippets/jobs/ runs as a reader runs it (tests/snippets/conftest.py) and must
print what its page promises, as checked below.
"""

import re

import pytest

from rosetta.vocabulary import TRAINING_FRAMEWORKS
from support import expectations_test, numbers_after


def check_tensors(framework: str):
    def check(out: str) -> None:
        assert "shape (2, 3)" in out
        assert "broadcast: [[1.0, 1.0, 0.0], [4.0, 2.5, 0.0]]" in out
        assert "sum of each row: [6.0, 15.0]" in out and "matrix product: [[14.0, 32.0], [32.0, 77.0]]" in out
        extra = {"pytorch": "shared with NumPy: [7.0, 0.0, 0.0]", "tensorflow": "copied from NumPy: [0.0, 0.0, 0.0]",
                 "keras": "backend torch holds a torch tensor",
                 "jax": "after .at[0, 0].set(7.0): [7.0, 2.0, 3.0] - the original still starts with 1.0"}[framework]
        assert extra in out, out
    return check


def check_device(out: str) -> None:
    assert numbers_after("computed on", out)[-1] == 256.0
    gpu = re.search(r"(?:GPU available:|GPUs visible:) (\w+)", out).group(1)
    where = re.search(r"^computed on (\S+)", out, re.MULTILINE).group(1)
    if gpu in ("False", "0"):  # the machine that builds the site has no GPU
        assert where.lower().endswith(("cpu", "cpu:0")), out


def check_gradient(out: str) -> None:
    autograd, by_hand = numbers_after("autograd:", out), numbers_after("by hand:", out)
    assert by_hand == [5.0, 2.0, 2.75, 14.0] and autograd == pytest.approx(by_hand, abs=1e-6)
    assert numbers_after("max difference:", out)[0] < 1e-6


def check_optimizer(out: str) -> None:
    rows = re.findall(r"^step (\d+): w = (\S+), loss = (\S+)$", out, re.MULTILINE)
    assert [int(step) for step, _, _ in rows] == [10, 20, 30]
    losses = [float(loss) for _, _, loss in rows]
    assert losses == sorted(losses, reverse=True) and float(rows[-1][1]) == pytest.approx(3.0, abs=1e-3)


def check_batching(out: str) -> None:
    assert numbers_after("batches per epoch:", out) == [4.0]
    shapes = re.findall(r"^features \((\d+), 3\) labels \((\d+),\)$", out, re.MULTILINE)
    assert shapes == [("32", "32")] * 3 + [("4", "4")], out


def check_jax_tensors(out: str) -> None:
    check_tensors("jax")(out)
    assert "copied from NumPy: [0.0, 0.0, 0.0]" in out, "jnp.asarray copies: the NumPy change must not show"


def check_keras_batching(out: str) -> None:
    check_batching(out)
    assert "fit(batch_size=32) ran 4 steps in one epoch" in out


TRAINING = [framework.slug for framework in TRAINING_FRAMEWORKS]

EXPECTATIONS = {
    **{f"tensors_{framework}.py": check_tensors(framework) for framework in ("pytorch", "tensorflow", "keras")},
    "tensors_jax.py": check_jax_tensors,
    **{f"device_{framework}.py": check_device for framework in TRAINING},
    **{f"gradient_{framework}.py": check_gradient for framework in TRAINING},
    **{f"optimizer_{framework}.py": check_optimizer for framework in TRAINING},
    "batching_pytorch.py": check_batching,
    "batching_tensorflow.py": check_batching,
    "batching_jax.py": check_batching,
    "batching_keras.py": check_keras_batching,
}

test_prints_what_the_page_promises = expectations_test(EXPECTATIONS)
