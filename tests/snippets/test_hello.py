"""The home page's matrix product, in every framework.

Each file of snippets/hello/ runs as a reader runs it (tests/snippets/conftest.py) and must
print what its page promises, as checked below.
"""

import re

from rosetta.vocabulary import FRAMEWORKS
from support import expectations_test, numbers_after


def check_matmul(out: str) -> None:
    # [[1, 2], [3, 4]] @ its transpose = [[5, 11], [11, 25]], whose sum is 52.
    assert numbers_after("sum:", out) == [52.0]
    assert re.search(r"5\.?\s*,?\s+11\.?", out) and re.search(r"11\.?\s*,?\s+25\.?", out), out
    assert re.search(r"\bon\b.*\b(cpu|CPU|cuda|GPU|backend|ExecutionProvider)", out), out


EXPECTATIONS = {f"matmul_{slug}.py": check_matmul for slug in FRAMEWORKS}  # one per framework, each tab of the home page

test_prints_what_the_page_promises = expectations_test(EXPECTATIONS)
