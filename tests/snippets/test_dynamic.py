"""The PyTorch and TensorFlow pages: define-by-run, hooks, torch.compile, tracing, TensorBoard, TPUs.

Each file of snippets/dynamic/ runs as a reader runs it (tests/snippets/conftest.py) and must
print what its page promises, as checked below.
"""

import re

from support import expectations_test, numbers_after


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


EXPECTATIONS = {
    "define_by_run_pytorch.py": check_define_by_run,
    "inspect_pytorch.py": check_inspect,
    "compile_pytorch.py": check_compile,
    "tpu_pytorch.py": check_tpu_pytorch,
    "tracing_tensorflow.py": check_tracing,
    "tensorboard_tensorflow.py": check_tensorboard,
    "tpu_strategy_tensorflow.py": check_tpu_strategy,
}

test_prints_what_the_page_promises = expectations_test(EXPECTATIONS)
