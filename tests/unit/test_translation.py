"""The translation table's data and its comparison (rosetta.translation), on the real data and on broken copies."""

import dataclasses
import json
import shutil
import subprocess
import sys

import numpy as np
import pytest

from rosetta import paths
from rosetta.translation import installed
from rosetta.translation.table import COLUMNS, FILE, PROCESSES, TranslationError, load, names, operators
from support import load_generator

GENERATOR = paths.REPO / "scripts" / "generators" / "gen_translation_table.py"
WORKER = paths.REPO / "scripts" / "workers" / "translation_runtime.py"
generator = load_generator("gen_translation_table")


def test_the_table_has_forty_compared_rows_in_its_groups_and_every_process_covers_its_columns():
    table = load()
    compared = [row for row in table.rows if row.tolerance is not None]
    assert len(compared) >= 40
    assert {row.group for row in table.rows} == set(table.groups), "every group has rows"
    assert all(row.unchecked for row in table.rows if row.tolerance is None)
    assert sorted(column for columns in PROCESSES.values() for column in columns) == sorted(COLUMNS)


def test_a_cell_s_names_are_spelled_as_modules_and_only_its_framework_s_are_read():
    assert names("jax", "jnp.sum(x) + nnx.Linear(2, 3) + optax.adam(0.1)") == ["jax.numpy.sum", "flax.nnx.Linear", "optax.adam"]
    assert names("keras", "model.fit(x, batch_size=4) and torch.nn.Linear") == []
    assert names("tensorflow", "tf.nn.bias_add(tf.linalg.matmul(x, k), b)") == ["tensorflow.nn.bias_add", "tensorflow.linalg.matmul"]
    assert operators("Greater, then Where") == ["Greater", "Where"]


def test_a_name_resolves_through_modules_and_attributes():
    assert installed.resolves("json.decoder.JSONDecoder.decode")
    assert not installed.resolves("json.decoder.JSONDecoder.nope")
    assert not installed.resolves("no_such_module.anything")


def test_a_default_is_read_from_the_signature_and_a_required_argument_says_so():
    assert installed.shown(installed.default_value("json.dumps:indent")) == "None"
    assert installed.shown(installed.default_value("json.dumps:obj")) == "required"
    assert installed.default_value("json.JSONEncoder:separators") is None  # a class: its __init__


def broken_project(tmp_path, old: str, new: str) -> paths.Project:
    shutil.copytree(paths.REPO / "scripts" / "facts", tmp_path / "scripts" / "facts")
    path = tmp_path / "scripts" / "facts" / FILE
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return paths.Project(tmp_path)


@pytest.mark.parametrize("old, new, message", [
    ('group = "Layers"', 'group = "Layer"', "translation.toml: row 'linear': unknown group 'Layer' (groups: Tensors and ops,"),
    ('tolerance = 1e-5\n', 'tolerance = 1e-5\nunchecked = "why"\n',
     "translation.toml: row 'matmul': give a tolerance (it is compared) or unchecked = why not, and only one"),
    ('id = "transpose"', 'id = "matmul"', "translation.toml: row 'matmul' appears twice"),
    ('id = "transpose"', 'id = "reorder"', "translation.toml: row 'reorder': compared, but cases.py has no inputs for it"),
    ('tolerance = 0.0', 'tolerance = "none"', "translation.toml: row 'transpose': tolerance = 'none' is not a number of at least 0"),
    ('pytorch = "torch.nn.BatchNorm2d:momentum"', 'pytorch = "torch.nn.BatchNorm2d"',
     "translation.toml: default 1 (Batch normalization, momentum), pytorch: 'torch.nn.BatchNorm2d' is not 'module.Object:argument'"),
    ('block = "Matrix product"', 'block = "Matrix product"\ncolour = "red"', "translation.toml: row 1 has an unknown key 'colour'"),
    ('note = "kernel = weight.T', 'note = "|kernel| = weight.T', "translation.toml: row 'linear', note: a '|' would end the table's cell there"),
])
def test_a_bad_entry_is_named_in_one_line(tmp_path, old, new, message):
    with pytest.raises(TranslationError) as raised:
        load(broken_project(tmp_path, old, new))
    assert str(raised.value).startswith(message) and "\n" not in str(raised.value)


def test_the_generator_stops_in_one_line_before_any_framework_runs(tmp_path):
    project = broken_project(tmp_path, 'group = "Layers"', 'group = "Layer"')
    done = subprocess.run([sys.executable, str(GENERATOR)], capture_output=True, text=True, timeout=120,
                          env={"PATH": "/usr/bin:/bin", paths.PROJECT_VARIABLE: str(project.root)})
    assert done.returncode != 0 and done.stdout == ""
    assert done.stderr.strip() == ("gen_translation_table.py: translation.toml: translation.toml: row 'linear': unknown group 'Layer' "
                                   "(groups: Tensors and ops, Layers, Activations, Normalization, Recurrent layers, Attention, "
                                   "Losses, Optimizers and schedules, Initializers, Data, Saving)")


def test_the_onnx_process_computes_its_rows_and_names_an_operator_the_installed_onnx_lacks(tmp_path):
    project = broken_project(tmp_path, 'onnx = "MatMul"', 'onnx = "MatMull"')
    table = load(project)
    from rosetta.translation import cases

    cases.save([row.id for row in table.rows if row.tolerance is not None], tmp_path / "cases.npz")
    done = subprocess.run([sys.executable, str(WORKER), "onnx", str(tmp_path)], capture_output=True, text=True, timeout=120,
                          env={"PATH": "/usr/bin:/bin", paths.PROJECT_VARIABLE: str(project.root)})
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["onnx"]["missing"] == [["matmul", "MatMull"]]
    assert generator.problems_with_names(result) == ["row 'matmul', onnx: MatMull does not exist in the installed onnx"]
    with np.load(tmp_path / "onnx.npz") as saved:
        assert set(saved.files) == set(result["onnx"]["rows"]) and "lstm" in saved.files


def only(*ids: str):
    """The real table, cut down to the rows named."""
    table = load()
    return dataclasses.replace(table, rows=tuple(row for row in table.rows if row.id in ids))


def results_with(outputs: dict[str, dict[str, np.ndarray]]) -> dict:
    return {column: {"outputs": outputs.get(column, {}), "missing": [], "defaults": {}} for column in COLUMNS}


def test_a_row_is_compared_with_its_first_column_and_its_difference_named_when_over_tolerance():
    table = only("matmul")
    same = np.ones((2, 3))
    results = results_with({"pytorch": {"matmul": same}, "keras": {"matmul": same + 3e-5}, "jax": {"matmul": same - 1e-6}})
    measured = generator.differences(table, results)
    assert measured["matmul"][1] == ["pytorch", "keras", "jax"] and measured["matmul"][0] == pytest.approx(3e-5)
    assert generator.over_tolerance(table, measured) == ["row 'matmul' (Matrix product) differs by 3.0e-05 > 1e-05"]


@pytest.mark.parametrize("outputs, message", [
    ({"pytorch": {"matmul": np.ones(3)}, "jax": {"matmul": np.ones(4)}}, "row 'matmul': jax gives shape (4,), pytorch (3,)"),
    ({"pytorch": {"dropout": np.ones(3)}, "tensorflow": {"dropout": np.ones(3)}}, "row 'dropout': tensorflow computes it but its cell is empty"),
    ({"pytorch": {"export": np.ones(3)}}, "row 'export' is marked unchecked, but pytorch computes it"),
    ({"pytorch": {"matmul": np.ones(3)}}, "row 'matmul' has a tolerance but 1 column computes it (2 are needed)"),
])
def test_a_check_that_disagrees_with_the_table_is_named(outputs, message):
    with pytest.raises(TranslationError, match=f"^{message.replace('(', '[(]').replace(')', '[)]')}$"):
        generator.differences(only(*{row for found in outputs.values() for row in found}), results_with(outputs))


def test_a_default_is_shown_as_a_reader_writes_it():
    assert generator.setting("torch.optim.Adam:betas[1]", "0.999") == "`betas[1]=0.999`"
    assert generator.setting("optax.adam:learning_rate", "required") == "`learning_rate` (required)"
