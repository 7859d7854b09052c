"""Run the three digits notebooks as plain scripts and compare them: curves, accuracy, time, code.

Each notebook (docs/notebooks/digits_*.py, jupytext percent format) is also a Python script; each
runs here in a fresh interpreter from an empty folder, as a reader's copy would. The Keras one
runs twice, once per backend. The build fails if a run fails or misses the 95% accuracy bar.
"""

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from chart_html import chart_html
from code_lines import code_lines

NOTEBOOKS = Path(__file__).resolve().parent.parent / "docs" / "notebooks"
RUNS = {  # label: (notebook, extra environment)
    "PyTorch": ("digits_pytorch.py", {}),
    "TensorFlow": ("digits_tensorflow.py", {}),
    "Keras (TensorFlow backend)": ("digits_keras.py", {"KERAS_BACKEND": "tensorflow"}),
    "Keras (PyTorch backend)": ("digits_keras.py", {"KERAS_BACKEND": "torch"}),
}
ACCURACY_BAR = 0.95
EPOCH = re.compile(r"^epoch\s+(\d+)\s+loss (\S+)\s+test accuracy (\S+)$", re.MULTILINE)


def run_notebook(name: str, extra_env: dict) -> dict:
    environment = {key: value for key, value in os.environ.items() if key != "KERAS_BACKEND"} | extra_env
    with tempfile.TemporaryDirectory(prefix="rosetta-notebook-") as folder:
        run = subprocess.run([sys.executable, str(NOTEBOOKS / name)], cwd=folder, env=environment, capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit(f"gen_side_by_side.py: {name} failed: {(run.stderr.strip().splitlines() or ['no error output'])[-1]}")
    return parse(run.stdout, name)


def parse(output: str, name: str) -> dict:
    epochs = [(int(e), float(loss), float(accuracy)) for e, loss, accuracy in EPOCH.findall(output)]
    result = {
        "epochs": epochs,
        "seconds": float(re.search(r"^training time (\S+) s$", output, re.MULTILINE).group(1)),
        "accuracy": float(re.search(r"^final test accuracy (\S+)$", output, re.MULTILINE).group(1)),
        "checksum": re.search(r"^initial weights checksum: (\S+)$", output, re.MULTILINE).group(1),
        "backend": (re.search(r"Keras backend: (\w+)", output) or [None, "-"])[1],
    }
    if result["accuracy"] < ACCURACY_BAR:
        sys.exit(f"gen_side_by_side.py: {name} reached {result['accuracy']:.4f} test accuracy, under {ACCURACY_BAR}")
    return result


def main() -> None:
    results = {label: run_notebook(name, env) for label, (name, env) in RUNS.items()}

    figure = make_subplots(rows=1, cols=2, subplot_titles=("training loss", "test accuracy"))
    for label, result in results.items():
        epochs = [e for e, _, _ in result["epochs"]]
        figure.add_trace(go.Scatter(x=epochs, y=[loss for _, loss, _ in result["epochs"]], name=label, legendgroup=label,
                                    mode="lines+markers"), row=1, col=1)
        figure.add_trace(go.Scatter(x=epochs, y=[acc for _, _, acc in result["epochs"]], name=label, legendgroup=label,
                                    mode="lines+markers", showlegend=False), row=1, col=2)
    figure.update_xaxes(title_text="epoch")
    figure.update_layout(height=440)
    print(chart_html(figure, "Training loss and test accuracy per epoch of the digits notebooks, one line per framework"))

    print("\n| Run | Backend | Final test accuracy | Final loss | Training time, 20 epochs (one run) | Lines of code | Initial weights checksum |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: |")
    for label, (name, _) in RUNS.items():
        result = results[label]
        lines = code_lines((NOTEBOOKS / name).read_text(encoding="utf-8"))
        print(f"| {label} | {result['backend']} | {result['accuracy']:.4f} | {result['epochs'][-1][1]:.4f} "
              f"| {result['seconds']:.2f} s | {lines} | {result['checksum']} |")
    losses = [[loss for _, loss, _ in result["epochs"]] for result in results.values()]
    spread = max(max(column) - min(column) for column in zip(*losses))
    print(f"\nAcross the {len(results)} runs, the training losses of the same epoch differ by at most {spread:.4f}. "
          "Lines of code count the notebook's code cells without blank or comment lines.")


if __name__ == "__main__":
    main()
