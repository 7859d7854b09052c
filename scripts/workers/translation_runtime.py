"""Compute the translation table's rows in one framework process: python translation_runtime.py PROCESS WORKDIR.

PROCESS is a key of rosetta.translation.table.PROCESSES; WORKDIR holds cases.npz (every row's
inputs, written by gen_translation_table.py). For each column the process computes, the outputs
go to WORKDIR/COLUMN.npz (one array per row); the last line printed is JSON: per column, the rows
computed, the names of the table that the installed packages lack, and the defaults matrix's
values. A check that raises stops the process with one line naming its row and column.
"""

import json
import sys
from pathlib import Path

from rosetta.paths import REPO
from rosetta.threads import pin_threads
from rosetta.translation.table import KERAS_BACKEND, PROCESSES, TranslationError

CHECKS = REPO / "scripts" / "translation_checks"  # one module per process, each importing its framework


def _array(output):
    import numpy as np

    if hasattr(output, "detach"):  # a PyTorch tensor
        output = output.detach()
    if isinstance(output, list):
        output = [_array(item) for item in output]
    return np.asarray(output, dtype=np.float64)


def checks_of(process: str) -> dict:
    """The checks of scripts/translation_checks/in_PROCESS.py, by column: they import their framework."""
    import importlib.util

    path = CHECKS / f"in_{process}.py"
    spec = importlib.util.spec_from_file_location(f"translation_checks_{process}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.CHECKS


def main(process: str, workdir: Path) -> None:
    import numpy as np

    from rosetta.translation import cases, installed, table

    translation = table.load()
    checks = checks_of(process)
    inputs = cases.load(workdir / "cases.npz")
    result = {}
    for column in PROCESSES[process]:
        outputs = {}
        for row_id, check in checks[column].items():
            try:
                outputs[row_id] = _array(check(inputs.get(row_id, {})))
            except Exception as error:  # a check that cannot run is a fault of the table: name it
                sys.exit(f"translation_runtime.py: row {row_id!r}, {column}: {type(error).__name__}: {str(error).splitlines()[0]}")
        np.savez(workdir / f"{column}.npz", **outputs)
        result[column] = {"rows": list(outputs), "missing": installed.missing(translation, column),
                          "defaults": installed.defaults(translation, column)}
    print(json.dumps(result))


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("translation_runtime.py: give PROCESS and WORKDIR")
    if sys.argv[1] not in PROCESSES:
        sys.exit(f"translation_runtime.py: unknown process {sys.argv[1]!r}; choose from {', '.join(PROCESSES)}")
    pin_threads(1, keras_backend=KERAS_BACKEND)
    try:
        main(sys.argv[1], Path(sys.argv[2]))
    except TranslationError as error:  # a bad entry, named in one line
        sys.exit(f"translation_runtime.py: {error}")
