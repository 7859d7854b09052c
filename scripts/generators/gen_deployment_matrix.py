"""Measure every deployment route of the shared digits classifier; print the matrix as Markdown and a chart.

Routes that load the same framework share a process (scripts/workers/deployment_route.py, grouped by
rosetta.vocabulary.deployment_processes); the build fails when a route's outputs differ from the
float64 NumPy reference by more than the route's stated tolerance.
"""

import json
import platform
from importlib import metadata
import sys
import tempfile
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from rosetta import measurements, processes
from rosetta.digits.classifier import (CLASSIFIER, CLASSIFIER_ONNX, CLASSIFIER_TEST, reference_logits, save_workdir,
                                       trained_digits_model)
from rosetta.digits.routes import CALLS, LOADS, WARMUP, shared_onnx_file
from rosetta.digits.runtimes import OPENVINO_CONFIG
from rosetta.environment import cpu_model, package_versions
from rosetta.offline import decline_openvino_telemetry
from rosetta.paths import WORKERS
from rosetta.rendering.charts import chart_html
from rosetta.rendering.tables import markdown_table
from rosetta.vocabulary import DEPLOYMENT_ROUTES, deployment_processes

READS = ()  # files besides its code: none
MEASUREMENTS = ()  # other pages' measurements it reads
SAVES = ("deployment",)  # measurements it writes for other pages (and, beside them, the classifier's arrays and ONNX file)
EXCLUSIVE = "while timing"  # each route is timed with every other job stopped (rosetta.execution.alone)
WORKER = WORKERS / "deployment_route.py"
ROUTE_TIMEOUT = 600  # seconds per route
NEEDED = ("pytorch-eager", "onnx-from-pytorch")  # the in-browser page runs PyTorch's ONNX file against PyTorch's logits


def measure_routes(weights, inputs, labels, reference, workdir: Path, worker=WORKER) -> tuple[list[dict], dict]:
    """The matrix's rows, in its order, and each measured route's outputs on the inputs, by slug. A route that
    failed (it raised, or its process died) is a row with its label and its error: the others are measured."""
    measured, outputs_of = {}, {}
    save_workdir(workdir, weights, inputs)
    for process, slugs in deployment_processes().items():
        labels_of = [DEPLOYMENT_ROUTES[slug].label for slug in slugs]
        print(f"measuring {', '.join(labels_of)}...", file=sys.stderr, flush=True)
        try:
            result = json.loads(processes.run_worker(worker, [",".join(slugs), workdir], timeout=ROUTE_TIMEOUT * len(slugs),
                                                     name=f"the {process} routes ({', '.join(labels_of)})"))
        except processes.ChildFailed as failure:
            result = [{"route": slug, "error": str(failure)} for slug in slugs]
        for row in result:
            if "error" in row:
                measured[row["route"]] = {"route": DEPLOYMENT_ROUTES[row["route"]].label, "slug": row["route"], "error": row["error"]}
                continue
            outputs = outputs_of[row["route"]] = np.load(row.pop("outputs"))
            measured[row["route"]] = row | {
                "route": DEPLOYMENT_ROUTES[row["route"]].label, "slug": row["route"],
                "difference": float(np.abs(outputs - reference).max()),
                "accuracy": float((outputs.argmax(axis=1) == labels).mean()),
                "agreeing": int((outputs.argmax(axis=1) == reference.argmax(axis=1)).sum()),  # for the parity table
            }
    return [measured[slug] for slug in DEPLOYMENT_ROUTES], outputs_of


def failed(rows: list[dict]) -> list[dict]:
    return [row for row in rows if "error" in row]


def tolerance_breaches(rows: list[dict]) -> str:
    """The measured routes whose difference from the reference exceeds their tolerance, in one line."""
    limit = {row["route"]: DEPLOYMENT_ROUTES[row["slug"]].tolerance for row in rows}
    over = [row for row in rows if "error" not in row and not row["difference"] <= limit[row["route"]]]  # NaN is over
    return "; ".join(f"{r['route']} differs by {r['difference']:.1e} > {limit[r['route']]:.0e}" for r in over)


def matrix_row(row: dict) -> list[str]:
    tolerance = f"{DEPLOYMENT_ROUTES[row['slug']].tolerance:.0e}"
    if "error" in row:
        return [row["route"], *["failed (below)"] + ["–"] * 5, tolerance]
    return [row["route"], f"{row['bytes'] / 1024:,.0f} KiB", f"{row['load_ms']:.1f} ms", f"{row['p50_ms'] * 1e3:.0f} µs",
            f"{row['p90_ms'] * 1e3:.0f} µs", f"{row['accuracy']:.4f}", f"{row['difference']:.1e}", tolerance]


def print_matrix(rows, reference, labels) -> None:
    print(markdown_table(
        ["Route", "File size", "Load time (median of 5)", "Batch-1 latency p50", "p90", "Test accuracy", "Max difference", "Tolerance"],
        [matrix_row(row) for row in rows], "lrrrrrrr"))
    for row in failed(rows):
        print(f"\n**{row['route']} failed on this build:** `{row['error'].replace('`', chr(39))}`")
    versions = package_versions()
    print(
        f"\nMeasured {datetime.now(timezone.utc):%Y-%m-%d} on {cpu_model()}, 1 thread per runtime, Python "
        f"{platform.python_version()}, torch {versions['torch']}, TensorFlow {versions['tensorflow']}, Keras "
        f"{versions['keras']}, JAX {versions['jax']} with jax2onnx {versions['jax2onnx']}, ONNX Runtime {versions['onnxruntime']}, "
        f"OpenVINO {metadata.version('openvino')}, ExecuTorch {metadata.version('executorch')}, litert-torch "
        f"{metadata.version('litert-torch')}. Load: {LOADS} loads; latency: {CALLS} calls "
        f"of one image after {WARMUP} warm-up calls. Accuracy and difference: on the {len(labels)} test images; the difference "
        f"is the largest absolute difference of the logits (the largest is {np.abs(reference).max():.1f} in size) from a "
        "float64 NumPy forward pass of the same weights.\n"
    )


def openvino_choice(workdir: Path) -> str:
    """The precision OpenVINO would compute in on this CPU if not asked for float32."""
    decline_openvino_telemetry(workdir)  # this process loads OpenVINO too
    import openvino as ov

    return ov.Core().get_property("CPU", "INFERENCE_PRECISION_HINT").to_string()


def chart(rows) -> str:
    names = [row["route"] for row in rows]
    figure = make_subplots(rows=1, cols=2, subplot_titles=("batch-1 latency, p50 to p90 (µs)", "file size (KiB)"))
    figure.add_trace(go.Bar(
        x=names, y=[r["p50_ms"] * 1e3 for r in rows], name="latency p50",
        error_y={"type": "data", "symmetric": False, "array": [(r["p90_ms"] - r["p50_ms"]) * 1e3 for r in rows], "arrayminus": [0] * len(rows)},
    ), row=1, col=1)
    figure.add_trace(go.Bar(x=names, y=[r["bytes"] / 1024 for r in rows], name="file size"), row=1, col=2)
    figure.update_layout(showlegend=False, height=460)
    return chart_html(figure, "Batch-1 latency and file size of each deployment route of the same model")


def main() -> None:
    weights, inputs, labels = trained_digits_model()
    reference = reference_logits(weights, inputs)
    with tempfile.TemporaryDirectory(prefix="rosetta-deploy-") as workdir:
        rows, outputs_of = measure_routes(weights, inputs, labels, reference, Path(workdir))
        problems = tolerance_breaches(rows)
        if problems:
            sys.exit(f"gen_deployment_matrix.py: {problems}")
        needed = [row for row in failed(rows) if row["slug"] in NEEDED]
        if needed:
            sys.exit(f"gen_deployment_matrix.py: {needed[0]['route']} failed, and another page runs it: {needed[0]['error']}")
        measured = [row for row in rows if "error" not in row]
        measurements.save("deployment", measured)  # what other pages compare
        measurements.save_arrays(CLASSIFIER, weights | {"inputs": inputs})  # the parity table runs the same weights
        # The page that runs the classifier in the reader's browser: PyTorch's ONNX file, and PyTorch's logits.
        measurements.save_file(CLASSIFIER_ONNX, shared_onnx_file(Path(workdir)))
        measurements.save_arrays(CLASSIFIER_TEST, {"labels": labels, "pytorch_logits": outputs_of["pytorch-eager"]})
    print_matrix(rows, reference, labels)
    with tempfile.TemporaryDirectory(prefix="rosetta-openvino-") as workdir:
        print(f"OpenVINO's own choice of precision on this CPU: {openvino_choice(Path(workdir))} (read from the runtime, "
              f"`INFERENCE_PRECISION_HINT`); its routes above ask for f32 (`{OPENVINO_CONFIG}`), as every other route "
              "computes, and meet the same tolerance.\n")
    print(chart(measured))


if __name__ == "__main__":
    processes.run_main(main, __file__)
