"""How a framework's checks (scripts/translation_checks/in_*.py) declare themselves: one function per row,
registered under the row's id."""

from collections.abc import Callable

import numpy as np

Check = Callable[[dict[str, np.ndarray]], object]


class Checks(dict):
    """Row id -> the function that computes that row in one framework, from the row's case (cases.py).

    The function returns the row's output in PyTorch's layout (a tensor or array of any kind)."""

    def row(self, *ids: str):
        def register(function: Check) -> Check:
            for row_id in ids:
                if row_id in self:
                    raise ValueError(f"{function.__module__}: row {row_id!r} is checked twice")
                self[row_id] = function
            return function
        return register
