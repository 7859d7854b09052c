"""ONNX and deployment: every route exported, reloaded and compared, and the runtimes' real errors.

Each file of snippets/deploy/ runs as a reader runs it (tests/snippets/conftest.py) and must
print what its page promises, as checked below.
"""

import re

from rosetta import paths
from rosetta.vocabulary import FLOAT_TOLERANCE
from support import expectations_test, load_generator, numbers_after


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
    assert "wrote digits_test.json: 64 images and PyTorch's logits for them" in out


def check_onnx_export_keras(backend: str):
    def check(out: str) -> None:
        assert re.search(rf"^backend: {backend}; input '\w+' with shape \['\w+', 64\]$", out, re.MULTILINE), out
        check_parity_at_batch_sizes(out)
    return check


def check_onnx_export_jax(out: str) -> None:
    assert "input 'in_0' with shape ['batch', 64]" in out, "the batch dimension is not symbolic"
    assert re.search(r"^nodes: 3 \['Gemm', 'Relu'\]$", out, re.MULTILINE), out
    check_parity_at_batch_sizes(out)


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


EXPECTATIONS = {
    "onnx_export_pytorch.py": check_onnx_export_pytorch,
    "onnx_export_keras.py": check_onnx_export_keras("tensorflow"),
    "onnx_export_torch_backend_keras.py": check_onnx_export_keras("torch"),
    "onnx_export_jax.py": check_onnx_export_jax,
    "savedmodel_tensorflow.py": check_savedmodel,
    "litert_tensorflow.py": check_litert,
    "torch_export_pytorch.py": check_torch_export,
    "session_options_onnx.py": check_session_options,
    "quantize_onnx.py": check_quantization,
    "bad_input_onnx.py": check_bad_input,
}

test_prints_what_the_page_promises = expectations_test(EXPECTATIONS)


def test_the_javascript_file_runs_as_a_reader_runs_it(tmp_path):
    """python onnx_export_pytorch.py, then node classify_digits_node.mjs, in one empty folder beside the
    project's node_modules: ONNX Runtime for Node.js gives PyTorch's digits and logits."""
    node_route = load_generator("gen_node_route")
    printed = node_route.run_both(paths.current(), tmp_path)
    assert re.search(r"^ONNX Runtime for Node\.js \d+\.\d+\.\d+, Node\.js v\d+", printed, re.MULTILINE), printed
    assert "same digit as PyTorch: 64 of 64" in printed
    assert numbers_after("max |Node.js - PyTorch| =", printed)[0] <= FLOAT_TOLERANCE
    assert node_route.largest_difference(tmp_path) <= FLOAT_TOLERANCE
