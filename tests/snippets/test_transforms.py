"""JAX's transformations and conventions, on the JAX page.

Each file of snippets/transforms/ runs as a reader runs it (tests/snippets/conftest.py) and must
print what its page promises, as checked below.
"""

import re

from support import expectations_test, numbers_after


def check_grad_vmap(out: str) -> None:
    assert "per-example gradients, shape (4, 3)" in out
    # d/dw (x·w - y)² = 2(x·w - y)x: for the first example x = (1, 0, 2), x·w - y = 1 + 1 - 1 = 1.
    assert re.search(r"\[\[ 2\.\s+0\.\s+4\.\]", out), out
    assert numbers_after("max |vmap - loop|:", out) == [0.0]
    assert numbers_after("max |mean of per-example - gradient of mean|:", out)[0] < 1e-6
    assert "[[2.0, 0.0, 4.0], [0.0, 0.0, 0.0], [4.0, 0.0, 8.0]]" in out, "the Hessian of example 0 is 2·x·xᵀ"


def check_pytrees(out: str) -> None:
    assert "leaves: 4" in out and numbers_after("parameters:", out) == [11.0]
    assert "gradient keys: ['encoder', 'head'] - head is a list of 2" in out
    assert numbers_after("bias of the head after one step:", out) == [-0.1]  # d(sum)/d(bias) = 1 for one example
    assert "same structure after the step: True" in out


def check_random_keys(out: str) -> None:
    assert "the same key gives the same numbers: True" in out and "the same draws inside jit: True" in out
    init, dropout = numbers_after("init draws:", out), numbers_after("dropout draws:", out)
    assert len(init) == len(dropout) == 3 and init != dropout, "split keys give independent draws"


EXPECTATIONS = {
    "grad_vmap_jax.py": check_grad_vmap,
    "pytrees_jax.py": check_pytrees,
    "random_keys_jax.py": check_random_keys,
}

test_prints_what_the_page_promises = expectations_test(EXPECTATIONS)
