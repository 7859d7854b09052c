"""Every snippet runs as a reader runs it, and prints what the page promises.

Each snippet is run with `python file.py` in a fresh interpreter from an empty temporary
directory (see scripts/snippet_runner.py), and its output is checked by the expectation
registered for it below. A snippet without an expectation fails.
"""

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
