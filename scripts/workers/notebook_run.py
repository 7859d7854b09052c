"""Execute a notebook as Jupyter does: python notebook_run.py NOTEBOOK [KERAS_BACKEND].

NOTEBOOK is a jupytext percent file (docs/notebooks/*.py). It runs in a fresh kernel from an
empty temporary folder, as a reader's copy would; the executed notebook is printed as .ipynb
JSON on stdout, its metadata["rosetta"]["left_in_folder"] naming what the run left in that folder.
A cell that fails stops the run with one line naming the notebook and the error. A cell tagged
"timed" (`# %% tags=["timed"]`) prints a time: in a build, it runs with the machine to itself.
"""

import os
import sys
import tempfile
from contextlib import nullcontext
from pathlib import Path

from rosetta.execution.alone import machine_to_myself

CELL_TIMEOUT = 600
TIMED = "timed"


def main(notebook: Path, backend: str | None) -> None:
    import jupytext
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    if backend:
        os.environ["KERAS_BACKEND"] = backend  # the kernel inherits it
    else:
        os.environ.pop("KERAS_BACKEND", None)
    executed = jupytext.read(notebook)
    with tempfile.TemporaryDirectory(prefix="rosetta-notebook-") as folder:
        client = NotebookClient(executed, timeout=CELL_TIMEOUT, kernel_name="python3", resources={"metadata": {"path": folder}})
        try:
            with client.setup_kernel():
                for index, cell in enumerate(executed.cells):
                    with machine_to_myself() if TIMED in cell.metadata.get("tags", []) else nullcontext():
                        client.execute_cell(cell, index)
        except CellExecutionError as error:
            sys.exit(f"{notebook.name}: a cell failed: {error.ename}: {' '.join(str(error.evalue).split())[:300]}")
        executed.metadata["rosetta"] = {"left_in_folder": sorted(os.listdir(folder)), "keras_backend": backend}
    sys.stdout.write(nbformat.writes(executed))


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3) or not Path(sys.argv[1]).is_file():
        sys.exit("notebook_run.py: give a notebook file (and optionally a Keras backend)")
    main(Path(sys.argv[1]), sys.argv[2] if len(sys.argv) == 3 else None)
