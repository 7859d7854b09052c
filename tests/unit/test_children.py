"""Each kind of child process the build starts: when one dies without a word, the build stops in one
line naming it (blocks and generators themselves: tests/build/test_errors.py)."""

import subprocess

import numpy as np
import pytest

from rosetta import paths, processes
from rosetta.site import generators
from rosetta.vocabulary import DEPLOYMENT_ROUTES, deployment_processes
from support import load_generator as generator

GENERATORS = paths.REPO / "scripts" / "generators"
SILENT_DEATH = "import os\nos._exit(3)\n"


@pytest.fixture
def silent_worker(tmp_path):
    path = tmp_path / "silent_worker.py"
    path.write_text(SILENT_DEATH)
    return path


def tiny_classifier():
    rng = np.random.default_rng(0)
    weights = {"w0": rng.normal(size=(64, 10)).astype(np.float32), "b0": np.zeros(10, np.float32)}
    inputs = rng.random((4, 64), dtype=np.float32)
    return weights, inputs


def stops_with(main, program: str) -> str:
    with pytest.raises(SystemExit) as stopped:
        processes.run_main(main, program)
    return str(stopped.value.code)


def test_a_deployment_route_that_dies_silently_stops_the_matrix_in_one_line(silent_worker):
    matrix = generator("gen_deployment_matrix")
    weights, inputs = tiny_classifier()
    message = stops_with(lambda: matrix.measure_routes(weights, inputs, np.zeros(4), inputs @ weights["w0"], worker=silent_worker),
                         "gen_deployment_matrix.py")
    torch_routes = ", ".join(DEPLOYMENT_ROUTES[slug].label for slug in deployment_processes()["torch"])
    assert "Quantized ONNX (int8)" in torch_routes
    assert message == f"gen_deployment_matrix.py: the torch routes ({torch_routes}) exited with status 3: (no error output)"


def test_a_parity_runtime_that_dies_silently_stops_the_table_in_one_line(silent_worker):
    parity = generator("gen_parity_table")
    weights, inputs = tiny_classifier()
    message = stops_with(lambda: parity.run_runtimes(weights, inputs, inputs @ weights["w0"], worker=silent_worker), "gen_parity_table.py")
    assert message == "gen_parity_table.py: PyTorch and Keras, PyTorch backend exited with status 3: (no error output)"


@pytest.mark.parametrize("child, generator_name, call", [
    ("docs/notebooks/digits_pytorch.py", "gen_side_by_side", lambda module: module.run_notebook("digits_pytorch.py", {})),
    ("snippets/first_model/linear_pytorch.py", "gen_first_model_chart", lambda module: module.main()),
])
def test_a_run_that_dies_silently_stops_its_generator_in_one_line(child, generator_name, call, tmp_path, monkeypatch):
    (tmp_path / child).parent.mkdir(parents=True)
    (tmp_path / child).write_text(SILENT_DEATH)
    monkeypatch.setenv(paths.PROJECT_VARIABLE, str(tmp_path))
    module = generator(generator_name)
    message = stops_with(lambda: call(module), f"{generator_name}.py")
    assert message == f"{generator_name}.py: {(tmp_path / child).name} exited with status 3: (no error output)"


def test_generators_do_nothing_on_import(capfd, monkeypatch):
    def no_child(*args, **kwargs):
        raise AssertionError("a generator started a child process on import")
    monkeypatch.setattr(subprocess, "Popen", no_child)
    for path in sorted(GENERATORS.glob("gen_*.py")):
        module = generator(path.stem)
        assert capfd.readouterr() == ("", ""), f"{path.name} printed something on import"
        assert callable(module.main), f"{path.name} has no main()"
        assert generators.declaration(path).reads is not None  # READS and MEASUREMENTS, as literals
