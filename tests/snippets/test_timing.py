"""Snippets that print a timing (the build runs them alone): what they promise besides the times.

Each file of snippets/timing/ runs as a reader runs it (tests/snippets/conftest.py); its timings
are never asserted, only the facts around them.
"""

import re

import pytest

from support import expectations_test, numbers_after


def check_jit_compile(out: str) -> None:
    first = numbers_after("first call of jax.jit(mlp):", out)[0]
    later = numbers_after("later calls, median of 50:", out)[-1]
    assert first > 0 and later > 0, out
    ratio = re.search(r"^the first call cost (\d+) times a later one$", out, re.MULTILINE)
    # The times are printed rounded (to 0.01 and 0.001 ms): the ratio of the printed times is close, not equal.
    assert ratio and int(ratio.group(1)) == pytest.approx(first / later, rel=0.05), "the ratio printed is the ratio of the times printed"
    assert "same result with and without jit: True" in out
    assert re.search(r"^first call with a batch of 65: [\d.]+ ms \(compiled again\)$", out, re.MULTILINE), out


EXPECTATIONS = {"jit_compile_jax.py": check_jit_compile}

test_prints_what_the_page_promises = expectations_test(EXPECTATIONS)
