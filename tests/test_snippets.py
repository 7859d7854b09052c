"""Every snippet runs as a reader runs it, and prints what the page promises.

Each snippet is run with `python file.py` in a fresh interpreter from an empty temporary
directory (see scripts/snippet_runner.py), and its output is checked by the expectation
registered for it below. A snippet without an expectation fails.
"""

import math
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, SNIPPET_TIMEOUT
from snippet_runner import SNIPPETS, run_as_reader

FRAMEWORKS = {"pytorch", "tensorflow", "keras", "onnx"}
LIBRARY_NAMES = {"torch", "tensorflow", "keras", "onnx", "onnxruntime", "numpy", "plotly", "sklearn", "tf2onnx"}
INCLUDE = re.compile(r"""--8<--\s+["']([^"']+)["']""")


def numbers_after(label: str, text: str) -> list[float]:
    """Every number printed on the lines that start with `label`."""
    lines = [line for line in text.splitlines() if line.startswith(label)]
    assert lines, f"no line starting with {label!r} in:\n{text}"
    return [float(n) for line in lines for n in re.findall(r"-?\d+\.?\d*(?:e-?\d+)?", line[len(label):])]


def check_matmul(out: str) -> None:
    # [[1, 2], [3, 4]] @ its transpose = [[5, 11], [11, 25]], whose sum is 52.
    assert numbers_after("sum:", out) == [52.0]
    assert re.search(r"5\.?\s*,?\s+11\.?", out) and re.search(r"11\.?\s*,?\s+25\.?", out), out
    assert re.search(r"\bon\b.*\b(cpu|CPU|cuda|GPU|backend|ExecutionProvider)", out), out


def check_linear_training(out: str) -> None:
    losses = numbers_after("epoch", out)[1::2]  # "epoch N  loss X": every second number
    assert len(losses) == 10 and losses[-1] < losses[0] / 100, f"the loss did not fall: {losses}"
    assert numbers_after("final loss", out)[0] < 0.02
    w0, w1, w2, bias = numbers_after("learned weights", out)
    assert [w0, w1, w2, bias] == pytest.approx([2.0, -3.0, 0.5, 1.0], abs=0.1)


def check_linear_onnx(out: str) -> None:
    assert "input 'features' shape ['batch', 3]" in out, "the batch dimension is not symbolic"
    rows = re.findall(r"batch\s+(\d+): output \((\d+), 1\), max \|ONNX - PyTorch\| = (\S+)", out)
    assert [(int(b), int(n)) for b, n, _ in rows] == [(1, 1), (7, 7), (100, 100)], out
    assert all(float(diff) < 1e-5 for _, _, diff in rows), out


def check_parity_at_batch_sizes(out: str) -> None:
    """Routes that print 'batch N: ... = D' for N in 1, 7, 64 and stop above their tolerance."""
    rows = re.findall(r"^batch\s+(\d+):.*= (\S+)$", out, re.MULTILINE)
    assert [int(size) for size, _ in rows] == [1, 7, 64], out
    tolerance = float(re.search(r"all batch sizes agree within (\S+)", out).group(1))
    assert tolerance <= 1e-5 and all(float(difference) <= tolerance for _, difference in rows), out


def check_onnx_export_pytorch(out: str) -> None:
    assert "inputs: pixels ['batch', 64]" in out and "outputs: logits ['batch', 10]" in out
    assert re.search(r"^opset: \d+$", out, re.MULTILINE) and re.search(r"^nodes: 3 \['Gemm', 'Relu'\]$", out, re.MULTILINE)
    check_parity_at_batch_sizes(out)


def check_onnx_export_keras(backend: str):
    def check(out: str) -> None:
        assert re.search(rf"^backend: {backend}; input '\w+' with shape \['\w+', 64\]$", out, re.MULTILINE), out
        check_parity_at_batch_sizes(out)
    return check


def check_savedmodel(out: str) -> None:
    assert "'serving_default'" in out and "(None, 64)" in out
    check_parity_at_batch_sizes(out)


def check_litert(out: str) -> None:
    assert re.search(r"digits\.tflite: \d+\.\d KiB", out) and "batch dimension -1: resizable" in out
    check_parity_at_batch_sizes(out)


def check_torch_export(out: str) -> None:
    assert "['aten.linear.default', 'aten.relu.default']" in out
    assert re.search(r"input shape: \[s\d+, 64\]", out), "the batch dimension is not symbolic"
    check_parity_at_batch_sizes(out)


def check_session_options(out: str) -> None:
    available = re.search(r"^available here: (.*)$", out, re.MULTILINE).group(1)
    assert "CPUExecutionProvider" in available
    known = re.search(r"^known to this runtime \((\d+)\): (.*)$", out, re.MULTILINE)
    assert int(known.group(1)) == len(known.group(2).split(", ")) and {"CUDA", "Tensorrt", "OpenVINO"} <= set(known.group(2).split(", "))
    unoptimised = re.search(r"ORT_DISABLE_ALL runs (\d+) nodes", out).group(1)
    optimised = re.search(r"ORT_ENABLE_ALL\s+runs (\d+) nodes: (.*)$", out, re.MULTILINE)
    assert int(optimised.group(1)) < int(unoptimised) and "FusedGemm" in optimised.group(2)
    assert numbers_after("max difference between the two graphs:", out)[0] < 1e-6


def check_quantization(out: str) -> None:
    sizes = dict(re.findall(r"^(digits_\w+)\.onnx:\s+([\d.]+) KiB", out, re.MULTILINE))
    accuracies = dict(re.findall(r"^(digits_\w+)\.onnx:.*test accuracy ([\d.]+)", out, re.MULTILINE))
    assert float(sizes["digits_int8"]) < 0.35 * float(sizes["digits_fp32"]), sizes
    assert float(accuracies["digits_fp32"]) >= 0.95 and float(accuracies["digits_int8"]) >= float(accuracies["digits_fp32"]) - 0.02


def check_bad_input(out: str) -> None:
    # Each error names its culprit and what was expected; the process and the session survive.
    assert re.search(r"truncated\.onnx: InvalidProtobuf: .*Load model from truncated\.onnx failed", out), out
    assert re.search(r"garbage\.onnx: InvalidProtobuf: .*Load model from garbage\.onnx failed", out), out
    assert re.search(r"63 features instead of 64: InvalidArgument: .*input: pixels.*Got: 63 Expected: 64", out), out
    assert re.search(r"float64 instead of float32: InvalidArgument: .*Actual: \(tensor\(double\)\).*expected: \(tensor\(float\)\)", out), out
    assert out.rstrip().endswith("after the errors, a correct batch of 3 gives logits of shape (3, 10)")


def check_distributed(unit: str, label: str):
    def check(out: str) -> None:
        assert f"{unit} 0: 896 of 1792 samples" in out and f"{unit} 1: 896 of 1792 samples" in out, out
        assert f"max |{unit} 0 - {unit} 1| = 0.0e+00" in out, "replicas must end with identical weights"
        versus_single = re.search(rf"max \|{label} - single process\| = (\S+) \(tolerance (\S+)\)", out)
        assert float(versus_single.group(1)) <= float(versus_single.group(2)) <= 1e-5, out
    return check


def check_keras_fit_multiworker(out: str) -> None:
    # The reported breakage, confirmed on the pinned versions: if this changes, update the page.
    for worker in (0, 1):
        assert f"worker {worker} (exit status 0):" in out
    assert out.count("model.fit raised ValueError: Attempt to convert a value (PerReplica:{...})") == 2, out


def check_tensors(framework: str):
    def check(out: str) -> None:
        assert "shape (2, 3)" in out
        assert "broadcast: [[1.0, 1.0, 0.0], [4.0, 2.5, 0.0]]" in out
        assert "sum of each row: [6.0, 15.0]" in out and "matrix product: [[14.0, 32.0], [32.0, 77.0]]" in out
        extra = {"pytorch": "shared with NumPy: [7.0, 0.0, 0.0]", "tensorflow": "copied from NumPy: [0.0, 0.0, 0.0]",
                 "keras": "backend torch holds a torch tensor"}[framework]
        assert extra in out, out
    return check


def check_device(out: str) -> None:
    assert numbers_after("computed on", out)[-1] == 256.0
    gpu = re.search(r"(?:GPU available:|GPUs visible:) (\w+)", out).group(1)
    where = re.search(r"^computed on (\S+)", out, re.MULTILINE).group(1)
    if gpu in ("False", "0"):  # the machine that builds the site has no GPU
        assert where.lower().endswith("cpu") or where.endswith("CPU:0"), out


def check_gradient(out: str) -> None:
    autograd, by_hand = numbers_after("autograd:", out), numbers_after("by hand:", out)
    assert by_hand == [5.0, 2.0, 2.75, 14.0] and autograd == pytest.approx(by_hand, abs=1e-6)
    assert numbers_after("max difference:", out)[0] < 1e-6


def check_optimizer(out: str) -> None:
    rows = re.findall(r"^step (\d+): w = (\S+), loss = (\S+)$", out, re.MULTILINE)
    assert [int(step) for step, _, _ in rows] == [10, 20, 30]
    losses = [float(loss) for _, _, loss in rows]
    assert losses == sorted(losses, reverse=True) and float(rows[-1][1]) == pytest.approx(3.0, abs=1e-3)


def check_batching(out: str) -> None:
    assert numbers_after("batches per epoch:", out) == [4.0]
    shapes = re.findall(r"^features \((\d+), 3\) labels \((\d+),\)$", out, re.MULTILINE)
    assert shapes == [("32", "32")] * 3 + [("4", "4")], out


def check_keras_batching(out: str) -> None:
    check_batching(out)
    assert "fit(batch_size=32) ran 4 steps in one epoch" in out


def check_define_by_run(out: str) -> None:
    rows = re.findall(r"input scale\s+(\S+): (\d+) layer applications, gradient norm (\S+)", out)
    assert [float(scale) for scale, _, _ in rows] == [0.1, 5.0, 50.0]
    steps = [int(count) for _, count, _ in rows]
    assert steps == sorted(steps) and steps[0] < steps[-1], f"the depth should grow with the input: {steps}"
    assert all(float(norm) > 0 for _, _, norm in rows)


def check_inspect(out: str) -> None:
    layers = re.findall(r"^(Linear|ReLU)\s+output \((\d+), (\d+)\)\s+mean \S+\s+zeros (\d+)%$", out, re.MULTILINE)
    assert [name for name, *_ in layers] == ["Linear", "ReLU", "Linear", "ReLU", "Linear"], out
    assert all(int(zeros) > 0 for name, _, _, zeros in layers if name == "ReLU")
    assert numbers_after("after the first ReLU, the largest activation is", out)[0] > 0


def check_compile(out: str) -> None:
    assert "compiled module type: OptimizedModule" in out and "still returns Tensor" in out
    assert numbers_after("max |compiled - eager| =", out)[0] < 1e-5


def check_tpu_pytorch(out: str) -> None:
    assert "torch_xla is not installed here, so there is no TPU: running on cpu" in out or "XLA device" in out
    assert numbers_after("result", out)[0] == 8.0


def check_tracing(out: str) -> None:
    assert "eager by default: True" in out
    assert [int(n) for n in re.findall(r"traces so far: (\d+)", out)] == [1, 1, 2, 3, 4]
    operations = re.search(r"operations in the graph: (.*)", out).group(1)
    assert "'Mul'" in operations and "'Sum'" in operations


def check_tensorboard(out: str) -> None:
    size = re.search(r"^train/events\.out\.\.\. \((\d+) bytes\)$", out, re.MULTILINE)
    assert size and int(size.group(1)) > 0, out
    assert "scalars written: {'loss': 20, 'w': 20}" in out


def check_tpu_strategy(out: str) -> None:
    if "no TPU found" in out:
        assert "strategy: _DefaultDistributionStrategy with 1 replica(s)" in out
        assert re.search(r"model variables live on: .*CPU:0", out), out
    else:
        assert "strategy: TPUStrategy" in out


def check_sequential(out: str) -> None:
    assert "Total params: 4,810" in out and "dense (Dense)" in out
    assert numbers_after("test accuracy", out)[0] >= 0.95


def check_functional(out: str) -> None:
    assert "Connected to" in out and "Total params: 4,500" in out
    assert "a batch of 2 gives (2, 10)" in out


def check_callbacks(out: str) -> None:
    epochs = re.search(r"stopped after (\d+) of 200 epochs; best checkpoint saved: True", out)
    assert epochs and int(epochs.group(1)) < 200, out
    assert numbers_after("test accuracy with the best weights:", out)[0] >= 0.93


def check_backends(out: str) -> None:
    runs = re.findall(r"^backend (\w+)\s+output type (\S+)\s+first initial weight (\S+)\s+test accuracy (\S+)$", out, re.MULTILINE)
    assert [(backend, kind) for backend, kind, _, _ in runs] == [
        ("tensorflow", "tensorflow.EagerTensor"), ("torch", "torch.Tensor")], out
    assert all(float(accuracy) >= 0.93 for *_, accuracy in runs)


def check_missing_import(out: str) -> None:
    assert "broken: exit status 1: NameError: name 'tf' is not defined" in out
    assert "fixed: exit status 0: features (100, 3)" in out


def check_library_name(out: str) -> None:
    assert re.search(r"python keras\.py: exit status 1: AttributeError: partially initialized module 'keras'.*circular import", out), out
    assert "python train_keras.py: exit status 0: built sequential" in out


def check_backend_after_import(out: str) -> None:
    assert "asked for torch after the import, got: tensorflow" in out
    assert "set before the import, got: torch" in out


def check_retracing(out: str) -> None:
    assert "Python floats: 8 traces for 8 calls" in out and "tensors: 1 trace for 8 calls" in out
    assert re.search(r"TensorFlow warned: \d+ out of the last \d+ calls to <function double> triggered tf\.function retracing", out), out


def check_inplace(out: str) -> None:
    assert "modified by an inplace operation" in out and "is at version 1; expected version 0 instead" in out
    sigmoid = [1 / (1 + math.exp(-x)) for x in (0.5, 1.0, 2.0)]
    assert numbers_after("out of place, the gradient is", out) == pytest.approx([2 * s * (1 - s) for s in sigmoid], abs=1e-4)


def check_dtype(message: str):
    def check(out: str) -> None:
        assert message in out, out
        assert re.search(r"^fixed with \S+: \(4, 1\)$", out, re.MULTILINE), out
    return check


def check_dtype_keras(out: str) -> None:
    assert re.search(r"float64 into a float32 Dense layer gives \S*float32, shape \(4, 1\)", out), out


def check_claims_pytorch(out: str) -> None:
    assert "torch.onnx.export(dynamo=...) defaults to True" in out
    assert "dynamic_shapes accepted: True | legacy dynamic_axes still accepted: True" in out


def check_claims_tensorflow(out: str) -> None:
    assert "eager by default: True" in out and re.search(r"^tf\.keras is Keras 3\.", out, re.MULTILINE)
    assert re.search(r"tf\.lite\.Interpreter warns: tf\.lite\.Interpreter is deprecated.*LiteRT", out), out


def check_claims_keras(out: str) -> None:
    assert re.search(r"^keras 3\.\S+ is its own package; tensorflow depends on it: \['keras", out, re.MULTILINE), out
    assert "KERAS_BACKEND=tensorflow: tensorflow" in out and "KERAS_BACKEND=torch: torch" in out
    assert "Do not pass an `input_shape`/`input_dim` argument to a layer" in out
    assert "evaluate() with one loss and no metric returns a float" in out


def check_move_weights(out: str) -> None:
    torch_accuracy = numbers_after("PyTorch test accuracy:", out)[0]
    assert torch_accuracy >= 0.9 and numbers_after("Keras test accuracy:", out)[0] == torch_accuracy
    assert numbers_after("max |Keras - PyTorch| =", out)[0] < 1e-4
    assert numbers_after("without reordering for Flatten:", out)[1] < 0.5, "the wrong copy should break the classifier"
    assert numbers_after("after the round trip, max |PyTorch again - PyTorch| =", out)[0] < 1e-6


EXPECTATIONS = {
    "hello/matmul_pytorch.py": check_matmul,
    "hello/matmul_tensorflow.py": check_matmul,
    "hello/matmul_keras.py": check_matmul,
    "hello/matmul_onnx.py": check_matmul,
    "first_model/linear_pytorch.py": check_linear_training,
    "first_model/linear_tensorflow.py": check_linear_training,
    "first_model/linear_keras.py": check_linear_training,
    "first_model/linear_onnx.py": check_linear_onnx,
    "deploy/onnx_export_pytorch.py": check_onnx_export_pytorch,
    "deploy/onnx_export_keras.py": check_onnx_export_keras("tensorflow"),
    "deploy/onnx_export_torch_backend_keras.py": check_onnx_export_keras("torch"),
    "deploy/savedmodel_tensorflow.py": check_savedmodel,
    "deploy/litert_tensorflow.py": check_litert,
    "deploy/torch_export_pytorch.py": check_torch_export,
    "deploy/session_options_onnx.py": check_session_options,
    "deploy/quantize_onnx.py": check_quantization,
    "deploy/bad_input_onnx.py": check_bad_input,
    "distributed/ddp_pytorch.py": check_distributed("rank", "DDP"),
    "distributed/multiworker_tensorflow.py": check_distributed("worker", "MultiWorkerMirrored"),
    "distributed/fit_multiworker_keras.py": check_keras_fit_multiworker,
    **{f"jobs/tensors_{framework}.py": check_tensors(framework) for framework in ("pytorch", "tensorflow", "keras")},
    **{f"jobs/device_{framework}.py": check_device for framework in ("pytorch", "tensorflow", "keras")},
    **{f"jobs/gradient_{framework}.py": check_gradient for framework in ("pytorch", "tensorflow", "keras")},
    **{f"jobs/optimizer_{framework}.py": check_optimizer for framework in ("pytorch", "tensorflow", "keras")},
    "jobs/batching_pytorch.py": check_batching,
    "jobs/batching_tensorflow.py": check_batching,
    "jobs/batching_keras.py": check_keras_batching,
    "dynamic/define_by_run_pytorch.py": check_define_by_run,
    "dynamic/inspect_pytorch.py": check_inspect,
    "dynamic/compile_pytorch.py": check_compile,
    "dynamic/tpu_pytorch.py": check_tpu_pytorch,
    "dynamic/tracing_tensorflow.py": check_tracing,
    "dynamic/tensorboard_tensorflow.py": check_tensorboard,
    "dynamic/tpu_strategy_tensorflow.py": check_tpu_strategy,
    "keras_apis/sequential_keras.py": check_sequential,
    "keras_apis/functional_keras.py": check_functional,
    "keras_apis/callbacks_keras.py": check_callbacks,
    "keras_apis/backends_keras.py": check_backends,
    "pitfalls/missing_import_keras.py": check_missing_import,
    "pitfalls/library_name_keras.py": check_library_name,
    "pitfalls/backend_after_import_keras.py": check_backend_after_import,
    "pitfalls/retracing_tensorflow.py": check_retracing,
    "pitfalls/inplace_pytorch.py": check_inplace,
    "pitfalls/dtype_pytorch.py": check_dtype("RuntimeError: mat1 and mat2 must have the same dtype, but got Double and Float"),
    "pitfalls/dtype_tensorflow.py": check_dtype("InvalidArgumentError: cannot compute MatMul as input #1(zero-based) was expected to be a double tensor but is a float tensor"),
    "pitfalls/dtype_keras.py": check_dtype_keras,
    "changes/claims_pytorch.py": check_claims_pytorch,
    "changes/claims_tensorflow.py": check_claims_tensorflow,
    "changes/claims_keras.py": check_claims_keras,
    "interop/move_weights_keras.py": check_move_weights,
}

SNIPPET_FILES = sorted(SNIPPETS.rglob("*.py"))


def snippet_id(path: Path) -> str:
    return path.relative_to(SNIPPETS).as_posix()


@pytest.mark.parametrize("path", SNIPPET_FILES, ids=snippet_id)
def test_snippet_prints_what_the_page_promises(path, reader_runs):
    check = EXPECTATIONS.get(snippet_id(path))
    assert check, f"snippets/{snippet_id(path)} has no expectation in tests/test_snippets.py"
    run = reader_runs(path)
    assert run.returncode == 0, f"snippets/{snippet_id(path)} failed:\n{run.stderr[-3000:]}"
    check(run.stdout)


def test_every_expectation_has_its_snippet():
    assert sorted(EXPECTATIONS) == [snippet_id(path) for path in SNIPPET_FILES]


@pytest.mark.parametrize("path", SNIPPET_FILES, ids=snippet_id)
def test_snippet_name_follows_the_convention(path):
    example, _, framework = path.stem.rpartition("_")
    assert example and framework in FRAMEWORKS, f"{path.name}: name it <example>_<framework>.py"
    assert path.parent.parent == SNIPPETS, f"{path}: snippets live in snippets/<topic>/"
    assert path.stem not in LIBRARY_NAMES and path.parent.name not in LIBRARY_NAMES


def test_every_snippet_is_included_by_a_page():
    included = {
        (REPO / match).resolve()
        for page in (REPO / "docs").rglob("*.md")
        for match in INCLUDE.findall(page.read_text(encoding="utf-8"))
    }
    orphans = [snippet_id(path) for path in SNIPPET_FILES if path.resolve() not in included]
    assert not orphans, f"snippets included by no page: {orphans}"


def test_a_hanging_snippet_is_stopped_by_the_timeout(tmp_path):
    hanging = tmp_path / "hang_pytorch.py"
    hanging.write_text("import time\nprint('started', flush=True)\ntime.sleep(600)\n")
    with pytest.raises(subprocess.TimeoutExpired) as stopped:
        run_as_reader(hanging, timeout=2)
    assert stopped.value.timeout == 2


def test_a_snippet_runs_from_an_empty_directory_with_a_fresh_interpreter(tmp_path, monkeypatch):
    monkeypatch.setenv("KERAS_BACKEND", "jax")  # as an author's shell might have it
    probe = tmp_path / "probe_pytorch.py"
    probe.write_text("import os, sys\nprint(sorted(os.listdir('.')))\nprint(sys.executable)\nprint(os.environ.get('KERAS_BACKEND'))\n")
    listing, interpreter, backend = run_as_reader(probe, timeout=SNIPPET_TIMEOUT).stdout.splitlines()
    assert listing == "['probe_pytorch.py']"
    assert interpreter == sys.executable
    assert backend == "None", "an author's KERAS_BACKEND must not leak into a reader's run"
