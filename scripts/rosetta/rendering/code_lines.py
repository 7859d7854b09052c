"""Count the lines of a Python file that hold code, for the pages that compare lines of code."""

import ast


def code_lines(source: str) -> int:
    """Lines that hold code: no blank lines, comment-only lines (a notebook's Markdown cells
    among them) or the module's docstring."""
    module = ast.parse(source)
    docstring = set()
    if ast.get_docstring(module) is not None:
        first = module.body[0]
        docstring = set(range(first.lineno, first.end_lineno + 1))
    return sum(
        1 for number, line in enumerate(source.splitlines(), start=1)
        if line.strip() and not line.strip().startswith("#") and number not in docstring
    )
