"""Pitfalls: each real error reproduced, and its fix.

Each file of snippets/pitfalls/ runs as a reader runs it (tests/snippets/conftest.py) and must
print what its page promises, as checked below.
"""

import re
import math

import pytest

from support import expectations_test, numbers_after


def check_missing_import(out: str) -> None:
    assert "broken: exit status 1: NameError: name 'tf' is not defined" in out
    assert "fixed: exit status 0: features (100, 3)" in out


def check_library_name(out: str) -> None:
    assert re.search(r"python keras\.py: exit status 1: AttributeError: partially initialized module 'keras'.*circular import", out), out
    assert "python train_keras.py: exit status 0: built sequential" in out


def check_backend_after_import(out: str) -> None:
    assert "asked for torch after the import, got: tensorflow" in out
    assert "set before the import, got: torch" in out


def check_retracing(out: str) -> None:
    assert "Python floats: 8 traces for 8 calls" in out and "tensors: 1 trace for 8 calls" in out
    assert re.search(r"TensorFlow warned: \d+ out of the last \d+ calls to <function double> triggered tf\.function retracing", out), out


def check_inplace(out: str) -> None:
    assert "modified by an inplace operation" in out and "is at version 1; expected version 0 instead" in out
    sigmoid = [1 / (1 + math.exp(-x)) for x in (0.5, 1.0, 2.0)]
    assert numbers_after("out of place, the gradient is", out) == pytest.approx([2 * s * (1 - s) for s in sigmoid], abs=1e-4)


def check_dtype(message: str):
    def check(out: str) -> None:
        assert message in out, out
        assert re.search(r"^fixed with \S+: \(4, 1\)$", out, re.MULTILINE), out
    return check


def check_dtype_keras(out: str) -> None:
    assert re.search(r"float64 into a float32 Dense layer gives \S*float32, shape \(4, 1\)", out), out


def check_dtype_jax(out: str) -> None:
    assert "float64 into a float32 nnx.Linear gives float32, shape (4, 1)" in out, out
    assert "jnp.asarray makes it float32: 1 + 1e-9 - 1 = 0.0" in out, out  # the digit float32 cannot hold is gone
    assert re.search(r"^fixed with jax_enable_x64: float64, 1 \+ 1e-9 - 1 = 1\.0e-09$", out, re.MULTILINE), out


EXPECTATIONS = {
    "missing_import_keras.py": check_missing_import,
    "library_name_keras.py": check_library_name,
    "backend_after_import_keras.py": check_backend_after_import,
    "retracing_tensorflow.py": check_retracing,
    "inplace_pytorch.py": check_inplace,
    "dtype_pytorch.py": check_dtype("RuntimeError: mat1 and mat2 must have the same dtype, but got Double and Float"),
    "dtype_tensorflow.py": check_dtype("InvalidArgumentError: cannot compute MatMul as input #1(zero-based) was expected to be a double tensor but is a float tensor"),
    "dtype_keras.py": check_dtype_keras,
    "dtype_jax.py": check_dtype_jax,
}

test_prints_what_the_page_promises = expectations_test(EXPECTATIONS)
