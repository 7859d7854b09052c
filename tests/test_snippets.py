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


EXPECTATIONS = {
    "hello/matmul_pytorch.py": check_matmul,
    "hello/matmul_tensorflow.py": check_matmul,
    "hello/matmul_keras.py": check_matmul,
    "hello/matmul_onnx.py": check_matmul,
    "first_model/linear_pytorch.py": check_linear_training,
    "first_model/linear_tensorflow.py": check_linear_training,
    "first_model/linear_keras.py": check_linear_training,
    "first_model/linear_onnx.py": check_linear_onnx,
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
