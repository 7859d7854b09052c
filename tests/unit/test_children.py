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


def test_deployment_routes_whose_process_dies_silently_are_shown_failed_naming_it(silent_worker, tmp_path):
    matrix = generator("gen_deployment_matrix")
    weights, inputs = tiny_classifier()
    rows, outputs = matrix.measure_routes(weights, inputs, np.zeros(4), inputs @ weights["w0"], tmp_path, worker=silent_worker)
    torch_routes = ", ".join(DEPLOYMENT_ROUTES[slug].label for slug in deployment_processes()["torch"])
    assert "Quantized ONNX (int8)" in torch_routes and outputs == {}
    int8 = next(row for row in rows if row["slug"] == "onnx-int8")
    assert int8["error"] == f"the torch routes ({torch_routes}) exited with status 3: (no error output)"
    assert [row["slug"] for row in matrix.failed(rows)] == list(DEPLOYMENT_ROUTES)


# Prints, for each route it is given, its measurements with the reference as its outputs, but for SavedModel,
# which raised: what scripts/workers/deployment_route.py prints.
ONE_ROUTE_FAILS = """import json, sys
from pathlib import Path
import numpy as np
rows, work = [], Path(sys.argv[2])
for slug in sys.argv[1].split(","):
    if slug == "savedmodel":
        rows.append({"route": slug, "error": "ValueError: no such format on these pins"})
        continue
    np.save(work / f"{slug}.npy", np.load(work / "inputs.npy") @ np.load(work / "weights.npz")["w0"])
    rows.append({"route": slug, "bytes": 1, "load_ms": 1.0, "p50_ms": 1.0, "p90_ms": 2.0, "outputs": str(work / f"{slug}.npy")})
print(json.dumps(rows))
"""


def test_a_route_that_raises_is_marked_failed_with_its_error_and_the_others_are_measured(tmp_path, capsys):
    matrix = generator("gen_deployment_matrix")
    worker = tmp_path / "worker.py"
    worker.write_text(ONE_ROUTE_FAILS)
    weights, inputs = tiny_classifier()
    reference = inputs.astype(np.float64) @ weights["w0"]
    rows, outputs = matrix.measure_routes(weights, inputs, reference.argmax(axis=1), reference, tmp_path, worker=worker)
    assert [row["route"] for row in matrix.failed(rows)] == ["SavedModel"]
    assert set(outputs) == set(DEPLOYMENT_ROUTES) - {"savedmodel"}
    assert all(row["accuracy"] == 1.0 and row["difference"] < 1e-5 for row in rows if "error" not in row)
    assert matrix.tolerance_breaches(rows) == "", "a failed route has no difference to breach"
    matrix.print_matrix(rows, reference, reference.argmax(axis=1))
    shown = capsys.readouterr().out
    assert "| SavedModel | failed (below) |" in shown
    assert "**SavedModel failed on this build:** `ValueError: no such format on these pins`" in shown


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
