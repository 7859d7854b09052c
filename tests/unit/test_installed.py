"""The measured cells of the fact tables: read from the installed packages, and a bad measure named in one line."""

import warnings
from importlib.metadata import distribution, metadata, version

import pytest

from rosetta import installed, paths
from rosetta.rendering import facts


def test_the_python_floor_and_the_size_are_read_from_the_distributions():
    assert installed.python_needed("keras") == f"keras {version('keras')} requires Python {metadata('keras')['Requires-Python']}"
    megabytes = sum(file.size or 0 for package in ("onnx", "onnxruntime") for file in distribution(package).files) / 1e6
    assert installed.size_on_disk("onnx,onnxruntime") == f"onnx {version('onnx')} + onnxruntime {version('onnxruntime')}: {megabytes:,.0f} MB"
    assert megabytes > 1


def test_a_requirement_is_found_by_name_without_extras():
    assert installed.requires("keras,numpy") == f"keras {version('keras')} requires numpy"
    assert installed.requires("keras,Numpy") == f"keras {version('keras')} requires Numpy"  # names compare without case
    tensorboard = any(r.lower().startswith("tensorboard") for r in distribution("tensorflow").requires if "extra ==" not in r)
    assert installed.requires("tensorflow,tensorboard").endswith(" requires tensorboard" if tensorboard else " does not require tensorboard")
    listed = installed.dependencies("torch").split(": ")[1].split(", ")
    assert "sympy" in listed and "opt-einsum" not in listed  # opt-einsum only with torch[opt-einsum]


def test_the_opset_range_is_the_installed_onnx_s():
    import onnx

    assert installed.onnx_opset() == f"onnx {version('onnx')} defines operator sets up to {onnx.defs.onnx_opset_version()} (IR version {onnx.IR_VERSION})"


def test_modules_and_attributes_are_looked_up_without_guessing():
    assert installed.has("jax.export,jax.shard_map,jax.no_such_thing,no_such_package") == (
        "`jax.export` present, `jax.shard_map` present, `jax.no_such_thing` absent, `no_such_package` absent")


def test_the_torchscript_warning_is_the_one_torch_raises():
    import torch

    def doubled(x):
        return 2 * x
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        torch.jit.script(doubled)
    raised = [str(w.message) for w in caught if issubclass(w.category, DeprecationWarning)]
    measured = installed.torchscript_warning()
    assert measured == (f"torch {version('torch')}: `torch.jit.script` warns \"{raised[0]}\"" if raised
                        else f"torch {version('torch')}: `torch.jit.script` raises no deprecation warning")


def test_default_float_types_are_asked_of_each_framework():
    assert installed.default_float("torch") == "`torch.tensor(1.0).dtype` is torch.float32"
    assert installed.default_float("jax") == "`jnp.asarray(1.0).dtype` is float32"  # 64-bit is off unless jax_enable_x64
    with pytest.raises(installed.NotMeasurable, match="not 'caffe'"):
        installed.default_float("caffe")


@pytest.mark.parametrize("measure, problem", [
    ("colour", r"unknown measure 'colour' \(known kinds: version, licence, "),
    ("onnx_opset:3", r"measure 'onnx_opset:3': takes no argument, got '3'"),
    ("python:", r"measure 'python:': names no package"),
    ("python:torch,jax", r"measure 'python:torch,jax': reads one package, got 2"),
    ("python:caffe", r"measure 'python:caffe': package 'caffe' is not installed"),
])
def test_a_bad_measure_is_named_with_its_row_and_column(tmp_path, measure, problem):
    with pytest.raises(facts.FactError, match=rf"^broken\.toml: row 'Opset', column 'ONNX': {problem}"):
        facts.render("broken", table(tmp_path, f'{{ text = "x", measure = "{measure}" }}'))


@pytest.mark.parametrize("cell, problem", [
    ('{ text = "x", measure = 3 }', r"measure = 3 is neither a measure's name nor a list of names"),
    ('{ text = "x", measure = [] }', r"measure = \[\] is neither a measure's name nor a list of names"),
    ('{ measure = "version:onnx" }', r"has no text"),
])
def test_a_malformed_cell_is_named_with_its_row_and_column(tmp_path, cell, problem):
    with pytest.raises(facts.FactError, match=rf"^broken\.toml: row 'Opset', column 'ONNX': {problem}$"):
        facts.render("broken", table(tmp_path, cell))


def table(root, cell: str) -> paths.Project:
    (root / "scripts" / "facts").mkdir(parents=True)
    (root / "scripts" / "facts" / "broken.toml").write_text(f'columns = ["ONNX"]\n[[rows]]\nname = "Opset"\ncells = [{cell}]\n')
    return paths.Project(root)
