"""Measure every deployment route of one digits MLP and print the matrix as Markdown and a chart.

Each route runs in its own process (deployment_routes.py); the build fails when a route's
outputs differ from the float64 NumPy reference by more than the route's stated tolerance.
"""

import json
import platform
import subprocess
import sys
import tempfile
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots
from sklearn.datasets import load_digits

from build_environment import cpu_model, package_versions
from chart_html import chart_html
from deployment_routes import CALLS, LOADS, ROUTES

FLOAT_TOLERANCE = 1e-5
TOLERANCES = {route: FLOAT_TOLERANCE for route in ROUTES} | {"Quantized ONNX (int8)": 0.1}
SCRIPT = Path(__file__).with_name("deployment_routes.py")


def reference_logits(weights: dict, inputs: np.ndarray) -> np.ndarray:
    hidden = inputs.astype(np.float64)
    for index in range(3):
        hidden = hidden @ weights[f"w{index}"] + weights[f"b{index}"]
        if index < 2:
            hidden = np.maximum(hidden, 0.0)
    return hidden


def tolerance_breaches(rows: list[dict]) -> str:
    """The routes whose difference from the reference exceeds their tolerance, in one line."""
    over = [row for row in rows if not row["difference"] <= TOLERANCES[row["route"]]]  # NaN counts as over
    return "; ".join(f"{r['route']} differs by {r['difference']:.1e} > {TOLERANCES[r['route']]:.0e}" for r in over)


def main() -> None:
    rng = np.random.default_rng(seed=0)
    shapes = [(64, 256), (256, 256), (256, 10)]
    weights = {f"w{i}": (rng.normal(size=s) * np.sqrt(2 / s[0])).astype(np.float32) for i, s in enumerate(shapes)}
    weights |= {f"b{i}": (0.01 * rng.normal(size=s[1])).astype(np.float32) for i, s in enumerate(shapes)}
    inputs = (load_digits().data[:64] / 16.0).astype(np.float32)
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
            row["difference"] = float(np.abs(np.load(row["outputs"]) - reference).max())
            rows.append(row)

    problems = tolerance_breaches(rows)
    if problems:
        sys.exit(f"gen_deployment_matrix.py: {problems}")

    print("| Route | File size | Load time (median of 5) | Batch-1 latency p50 | p90 | Max difference | Tolerance |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for row in rows:
        print(
            f"| {row['route']} | {row['bytes'] / 1024:,.0f} KiB | {row['load_ms']:.1f} ms | {row['p50_ms'] * 1e3:.0f} µs "
            f"| {row['p90_ms'] * 1e3:.0f} µs | {row['difference']:.1e} | {TOLERANCES[row['route']]:.0e} |"
        )
    versions = package_versions()
    print(
        f"\nMeasured {datetime.now(timezone.utc):%Y-%m-%d} on {cpu_model()}, 1 thread per runtime, Python "
        f"{platform.python_version()}, torch {versions['torch']}, TensorFlow {versions['tensorflow']}, Keras "
        f"{versions['keras']}, ONNX Runtime {versions['onnxruntime']}. Load: {LOADS} loads; latency: {CALLS} calls "
        "of one image after 20 warm-up calls. Difference: largest absolute difference of the 64×10 logits from a "
        "float64 NumPy forward pass.\n"
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
