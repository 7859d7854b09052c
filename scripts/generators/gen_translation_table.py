"""The translation table and the defaults matrix (docs/translate.md), every compared row computed by the build.

The rows come from scripts/facts/translation.toml. Each row's inputs and weights are written once
(rosetta.translation.cases) and every framework computes all its rows in one process of its own
(scripts/workers/translation_runtime.py), which also checks that the table's names exist in the
installed packages and reads the defaults. A row is compared with its PyTorch output (or its first
column's); the build stops, naming the row, when a difference is over the row's tolerance, when a
name does not exist, or when a check and the table disagree about which columns a row has.
"""

import json
import sys
import tempfile
from pathlib import Path

import numpy as np

from rosetta import processes
from rosetta.paths import WORKERS
from rosetta.rendering.tables import markdown_table
from rosetta.translation import cases
from rosetta.translation.table import COLUMNS, FILE, PROCESSES, TranslationError, load
from rosetta.vocabulary import FRAMEWORKS

READS = ("scripts/facts/translation.toml", "scripts/translation_checks/*.py")
MEASUREMENTS = ()
WORKER = WORKERS / "translation_runtime.py"
TIMEOUT = 600
HEADERS = {"pytorch": "PyTorch", "tensorflow": "TensorFlow (raw)", "keras": "Keras 3", "jax": "JAX, Flax NNX, optax",
           "onnx": "ONNX operator"}
AS_KERAS = "*as Keras*"  # an empty TensorFlow cell: TensorFlow's own is the Keras layer


def computed(table, worker=WORKER) -> dict:
    """Every process's result (rosetta.translation's worker), with each column's outputs loaded."""
    results = {}
    with tempfile.TemporaryDirectory(prefix="rosetta-translation-") as workdir:
        cases.save([row.id for row in table.rows if row.tolerance is not None], Path(workdir) / "cases.npz")
        for process in PROCESSES:
            print(f"computing the table in {process}...", file=sys.stderr, flush=True)
            result = json.loads(processes.run_worker(worker, [process, workdir], name=f"translation_runtime.py {process}",
                                                     timeout=TIMEOUT))
            for column, found in result.items():
                with np.load(Path(workdir) / f"{column}.npz") as saved:
                    found["outputs"] = {row: saved[row] for row in saved.files}
                results[column] = found
    return results


def problems_with_names(results: dict) -> list[str]:
    return [f"row {row!r}, {column}: {name} does not exist in the installed {FRAMEWORKS[column].packages[0]}"
            for column, found in results.items() for row, name in found["missing"]]


def differences(table, results: dict) -> dict[str, tuple[float, list[str]]]:
    """Row id -> (the largest difference from its first column, the columns compared), for compared rows.
    Raises TranslationError naming a row whose columns and checks disagree, or whose shapes differ."""
    measured = {}
    for row in table.rows:
        have = [column for column in COLUMNS if row.id in results[column]["outputs"]]
        if row.tolerance is None:
            if have:
                raise TranslationError(f"row {row.id!r} is marked unchecked, but {have[0]} computes it")
            continue
        without_cell = [column for column in have if column not in row.cells]
        if without_cell:
            raise TranslationError(f"row {row.id!r}: {without_cell[0]} computes it but its cell is empty")
        if len(have) < 2:
            raise TranslationError(f"row {row.id!r} has a tolerance but {len(have)} column computes it (2 are needed)")
        reference = results[have[0]]["outputs"][row.id]
        largest = 0.0
        for column in have[1:]:
            output = results[column]["outputs"][row.id]
            if output.shape != reference.shape:
                raise TranslationError(f"row {row.id!r}: {column} gives shape {output.shape}, {have[0]} {reference.shape}")
            largest = max(largest, float(np.abs(output - reference).max(initial=0.0)))
        measured[row.id] = (largest, have)
    return measured


def over_tolerance(table, measured: dict) -> list[str]:
    return [f"row {row.id!r} ({row.block}) differs by {measured[row.id][0]:.1e} > {row.tolerance:.0e}"
            for row in table.rows if row.id in measured and not measured[row.id][0] <= row.tolerance]


def proved(row, measured: dict) -> str:
    if row.tolerance is None:
        return f"not compared: {row.unchecked}"
    largest, compared = measured[row.id]
    allowed = "exact" if row.tolerance == 0 else f"tolerance {row.tolerance:.0e}"
    return f"✓ {f'{largest:.1e}' if largest else '0'} ({allowed}; {len(compared)} of {len(row.cells)} computed)"


def cell(row, column: str) -> str:
    if column in row.cells:
        return f"`{row.cells[column]}`"
    return AS_KERAS if column == "tensorflow" and "keras" in row.cells else "—"


def block(row) -> str:
    return f"**{row.block}**" + (f"<br><small>{row.note}</small>" if row.note else "")


def print_tables(table, measured: dict) -> None:
    for group in table.groups:
        rows = [row for row in table.rows if row.group == group]
        print(f"## {group}\n")
        print(markdown_table(["Building block", *(HEADERS[column] for column in COLUMNS), "Proved equal"],
                             [[block(row), *(cell(row, column) for column in COLUMNS), proved(row, measured)] for row in rows]))
        print()


def setting(spec: str, value: str) -> str:
    """A default as a reader would write it: `momentum=0.1`, or `lr` (required)."""
    argument = spec.partition(":")[2]
    return f"`{argument}` (required)" if value == "required" else f"`{argument}={value}`"


def print_defaults(table, results: dict) -> None:
    columns = [column for column in COLUMNS if any(column in default.specs for default in table.defaults)]
    rows = []
    for number, default in enumerate(table.defaults):
        values = [results[column]["defaults"].get(str(number)) for column in columns]
        present = [value for value in values if value is not None]
        across = "one framework" if len(present) == 1 else "**differs**" if len(set(present)) > 1 else "same"
        shown = [setting(default.specs[column], value) if value else "—" for column, value in zip(columns, values)]
        rows.append([f"**{default.block}**", default.argument, *shown, across, default.note])
    print(markdown_table(["Building block", "Argument", *(HEADERS[column] for column in columns), "Across frameworks", "Note"], rows))


def main() -> None:
    try:
        table = load()
        results = computed(table)
        named = problems_with_names(results)
        if named:
            raise TranslationError("; ".join(named))
        measured = differences(table, results)
    except TranslationError as error:
        sys.exit(f"gen_translation_table.py: {FILE}: {error}")
    over = over_tolerance(table, measured)
    if over:
        sys.exit(f"gen_translation_table.py: over tolerance: {'; '.join(over)}")
    print_tables(table, measured)
    print("## Defaults, read from the installed packages\n")
    print_defaults(table, results)


if __name__ == "__main__":
    processes.run_main(main, __file__)
