"""Measure every deployment route of one digits MLP and print the matrix as Markdown and a chart.

Each route runs in its own process (deployment_routes.py); the build fails when a route's
outputs differ from the float64 NumPy reference by more than the route's stated tolerance.
"""

import json
import platform
import subprocess
import sys
import tempfile
import warnings
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots
from sklearn.datasets import load_digits
from sklearn.exceptions import ConvergenceWarning
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier

import measurements
from build_environment import cpu_model, package_versions
from chart_html import chart_html
from deployment_routes import CALLS, LOADS, ROUTES

FLOAT_TOLERANCE = 1e-4  # absolute: float32 rounding grows with the logits, whose largest size the page prints
TOLERANCES = {route: FLOAT_TOLERANCE for route in ROUTES} | {"Quantized ONNX (int8)": 0.5}
SCRIPT = Path(__file__).with_name("deployment_routes.py")


def reference_logits(weights: dict, inputs: np.ndarray) -> np.ndarray:
    layers = len(weights) // 2
    hidden = inputs.astype(np.float64)
    for index in range(layers):
        hidden = hidden @ weights[f"w{index}"] + weights[f"b{index}"]
        if index < layers - 1:
            hidden = np.maximum(hidden, 0.0)
    return hidden


def trained_digits_model():
    """The quantization section's classifier (64 -> 512 -> 512 -> 10), trained with scikit-learn:
    no framework is favoured, and every route gets the same weights as plain arrays."""
    digits = load_digits()
    x_train, x_test, y_train, y_test = train_test_split(
        digits.data / 16.0, digits.target, test_size=0.25, random_state=0, stratify=digits.target
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)  # a short training is enough here
        classifier = MLPClassifier(hidden_layer_sizes=(512, 512), max_iter=30, random_state=0).fit(x_train, y_train)
    weights = {f"w{i}": w.astype(np.float32) for i, w in enumerate(classifier.coefs_)}
    weights |= {f"b{i}": b.astype(np.float32) for i, b in enumerate(classifier.intercepts_)}
    return weights, x_test.astype(np.float32), y_test


def tolerance_breaches(rows: list[dict]) -> str:
    """The routes whose difference from the reference exceeds their tolerance, in one line."""
    over = [row for row in rows if not row["difference"] <= TOLERANCES[row["route"]]]  # NaN counts as over
    return "; ".join(f"{r['route']} differs by {r['difference']:.1e} > {TOLERANCES[r['route']]:.0e}" for r in over)


def main() -> None:
    weights, inputs, labels = trained_digits_model()
    reference = reference_logits(weights, inputs)

    rows = []
    with tempfile.TemporaryDirectory(prefix="rosetta-deploy-") as workdir:
        np.savez(Path(workdir) / "weights.npz", **weights)
        np.save(Path(workdir) / "inputs.npy", inputs)
        for route in ROUTES:
            print(f"measuring {route}...", file=sys.stderr, flush=True)
            run = subprocess.run([sys.executable, str(SCRIPT), route, workdir], capture_output=True, text=True)
            if run.returncode != 0:
                sys.exit(f"route {route!r} failed: {run.stderr.strip().splitlines()[-1]}")
            row = json.loads(run.stdout.strip().splitlines()[-1])
            outputs = np.load(row["outputs"])
            row["difference"] = float(np.abs(outputs - reference).max())
            row["accuracy"] = float((outputs.argmax(axis=1) == labels).mean())
            rows.append(row)

    problems = tolerance_breaches(rows)
    if problems:
        sys.exit(f"gen_deployment_matrix.py: {problems}")
    measurements.save("deployment", [{key: value for key, value in row.items() if key != "outputs"} for row in rows])

    print("| Route | File size | Load time (median of 5) | Batch-1 latency p50 | p90 | Test accuracy | Max difference | Tolerance |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for row in rows:
        print(
            f"| {row['route']} | {row['bytes'] / 1024:,.0f} KiB | {row['load_ms']:.1f} ms | {row['p50_ms'] * 1e3:.0f} µs "
            f"| {row['p90_ms'] * 1e3:.0f} µs | {row['accuracy']:.4f} | {row['difference']:.1e} | {TOLERANCES[row['route']]:.0e} |"
        )
    versions = package_versions()
    print(
        f"\nMeasured {datetime.now(timezone.utc):%Y-%m-%d} on {cpu_model()}, 1 thread per runtime, Python "
        f"{platform.python_version()}, torch {versions['torch']}, TensorFlow {versions['tensorflow']}, Keras "
        f"{versions['keras']}, ONNX Runtime {versions['onnxruntime']}. Load: {LOADS} loads; latency: {CALLS} calls "
        f"of one image after 20 warm-up calls. Accuracy and difference: on the {len(labels)} test images; the difference "
        f"is the largest absolute difference of the logits (the largest is {np.abs(reference).max():.1f} in size) from a "
        "float64 NumPy forward pass of the same weights.\n"
    )

    names = [row["route"] for row in rows]
    figure = make_subplots(rows=1, cols=2, subplot_titles=("batch-1 latency, p50 to p90 (µs)", "file size (KiB)"))
    figure.add_trace(go.Bar(
        x=names, y=[r["p50_ms"] * 1e3 for r in rows], name="latency p50",
        error_y={"type": "data", "symmetric": False, "array": [(r["p90_ms"] - r["p50_ms"]) * 1e3 for r in rows], "arrayminus": [0] * len(rows)},
    ), row=1, col=1)
    figure.add_trace(go.Bar(x=names, y=[r["bytes"] / 1024 for r in rows], name="file size"), row=1, col=2)
    figure.update_layout(showlegend=False, height=460)
    print(chart_html(figure, "Batch-1 latency and file size of each deployment route of the same model"))


if __name__ == "__main__":
    main()
