"""Run the timing suite (bench.py) and print the Benchmarks page's tables and charts."""

import os
import sys

import plotly
import plotly.graph_objects as go

import measurements
from bench import RUNTIMES, WORKLOADS, DEFAULT_BATCH_SIZES, run_suite
from chart_html import chart_html

PUBLISHED_NAME = "dl-rosetta-benchmarks.json"


def duration(seconds: float) -> str:
    """Three significant digits in the unit that fits: µs, ms or s."""
    for unit, scale in (("µs", 1e6), ("ms", 1e3)):
        if seconds * scale < 1000:
            return f"{seconds * scale:.3g} {unit}"
    return f"{seconds:.3g} s"


def label(cell) -> str:
    return RUNTIMES[cell["runtime"]][1] if cell["runtime"] in RUNTIMES else {"torch": "PyTorch", "tensorflow": "TensorFlow",
           "keras-tensorflow": "Keras (TensorFlow)", "keras-torch": "Keras (PyTorch)", "onnxruntime": "ONNX Runtime", "numpy": "NumPy"}[cell["runtime"]]


def spread(cell) -> str:
    return f"{duration(cell['median'])} ± {duration(cell['iqr'] / 2)}{noisy(cell)}"


def find(cells, runtime, workload, metric, threads, batch=None):
    for cell in cells:
        if (cell["runtime"], cell["workload"], cell["metric"], cell["threads"]) == (runtime, workload, metric, threads) \
                and cell.get("batch") == batch:
            return cell
    for cell in cells:  # no cell: say why
        if (cell["runtime"], cell["workload"], cell["threads"]) == (runtime, workload, threads) and cell["metric"] in (metric, "*"):
            return cell
    return None


def shown(cell, render, missing="not measured") -> str:
    if cell is None:
        return missing
    if "error" in cell:
        return f"failed: `{cell['error'][:120]}`"
    if "note" in cell:
        return f"— ({cell['note']})"
    return render(cell)


def first_of(*cells) -> str:
    """The first call of the first measured cell: the cost of tracing or compiling the model."""
    measured = [cell for cell in cells if cell and "first_call_s" in cell]
    return first_call(measured[0]) if measured else "—"


def noisy(cell) -> str:
    return " ⚠" if cell["noisy"] else ""


def percentiles(cell) -> str:
    return f"{duration(cell['p50'])} / {duration(cell['p90'])}{noisy(cell)}"


def samples_per_second(cell) -> str:
    return f"{cell['batch'] / cell['median']:,.0f} samples/s{noisy(cell)}"


def first_call(cell) -> str:
    return duration(cell["first_call_s"])


def model_table(cells, workload, threads_list):
    print(f"| Runtime | Threads | Training epoch (median ± IQR/2) | Latency, 1 sample: p50 / p90 | Throughput, batch 256 | First call |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for threads in threads_list:
        for runtime in RUNTIMES:
            epoch = find(cells, runtime, workload, "train_epoch", threads)
            latency = find(cells, runtime, workload, "latency", threads)
            batch = find(cells, runtime, workload, "throughput", threads, 256)
            if epoch is None and batch is None:
                continue
            print(f"| {RUNTIMES[runtime][1]} | {threads} | {shown(epoch, spread)} | {shown(latency, percentiles, '1 thread only')} "
                  f"| {shown(batch, samples_per_second)} | {first_of(latency, batch, epoch)} |")
    print()


def epoch_chart(cells, threads_list) -> str:
    """The MLP's training epoch per runtime and thread setting, with IQR error bars."""
    figure = go.Figure()
    for threads in threads_list:
        measured = [c for c in (find(cells, r, "mlp", "train_epoch", threads) for r in RUNTIMES) if c and "median" in c]
        figure.add_trace(go.Bar(
            x=[RUNTIMES[c["runtime"]][1] for c in measured], y=[c["median"] * 1e3 for c in measured],
            name=f"{threads} thread{'s' if threads > 1 else ''}",
            error_y={"type": "data", "symmetric": False, "array": [(c["q3"] - c["median"]) * 1e3 for c in measured],
                     "arrayminus": [(c["median"] - c["q1"]) * 1e3 for c in measured]},
        ))
    figure.update_layout(barmode="group", yaxis_type="log", yaxis_title="one training epoch (ms, log scale)", height=480)
    return chart_html(figure, "Training time of one MLP epoch per runtime, at 1 thread and at all cores")


def main() -> None:
    results = run_suite(list(RUNTIMES), WORKLOADS, DEFAULT_BATCH_SIZES, sorted({1, os.cpu_count()}))
    measurements.save("benchmarks", results)  # read by the decision guide
    env, cells = results["environment"], results["cells"]
    threads_list = env["threads"]
    versions = env["versions"]

    print(f"!!! info \"Measured by this build: {env['date']}, {env['cpu']}, {env['cores']} cores at {env['clock_ghz']} GHz\"")
    print(f"    Vector flags: {', '.join(env['vector_flags']) or 'none'}. Threads: {' and '.join(map(str, threads_list))}. "
          f"Python {env['python']}, torch {versions['torch']}, TensorFlow {versions['tensorflow']}, Keras {versions['keras']}, "
          f"ONNX Runtime {versions['onnxruntime']}, NumPy {versions['numpy']}. The whole suite took {results['seconds']:.0f} s.\n")

    print("## The tiny linear model: framework overhead\n")
    print("100 Adam steps on batches of 64 samples of the first page's 3-input linear model, 1 thread.\n")
    print("| Runtime | 100 steps (median ± IQR/2) | First run |")
    print("| --- | ---: | ---: |")
    for runtime in RUNTIMES:
        cell = find(cells, runtime, "linear", "train_100_steps", 1)
        if cell:
            print(f"| {RUNTIMES[runtime][1]} | {shown(cell, spread)} | {first_of(cell)} |")
    print()
    for workload, title in (("mlp", "An MLP on the digits (64 → 128 → 128 → 10)"), ("cnn", "A small CNN on the 8×8 digit images")):
        print(f"## {title}\n")
        model_table(cells, workload, threads_list)
        if workload == "mlp":
            print(epoch_chart(cells, threads_list))
            print("\nOne training epoch of the MLP (28 batches of 64); bars show the median, error bars the IQR.\n")

    print("## Matrix multiply against the machine's limit\n")
    print(f"Peak float32 FLOP/s = cores × clock × FLOP per cycle = {env['cores']} × {env['clock_ghz']} GHz × "
          f"{env['flop_per_cycle']} = **{env['peak_gflops']} GFLOP/s** (FLOP per cycle per core: 64 for AVX-512 with two "
          "FMA units, 32 for AVX2 with FMA; read from the CPU flags, assuming two AVX-512 FMA units). A 1024×1024 "
          "float32 matrix product costs 2 × 1024³ FLOP.\n")
    print("| Framework | Threads | GFLOP/s (median) | Share of peak |")
    print("| --- | ---: | ---: | ---: |")
    for threads in threads_list:
        for cell in (c for c in cells if c["workload"] == "gemm" and c["threads"] == threads and "median" in c):
            gflops = 2 * cell["size"] ** 3 / cell["median"] / 1e9
            peak = env["peak_gflops"] * threads / env["cores"]
            print(f"| {label(cell)} | {threads} | {gflops:.1f} GFLOP/s{noisy(cell)} | {gflops / peak:.0%} of {peak:.0f} |")
    print()

    print("## Latency as the batch grows\n")
    figure = go.Figure()
    for runtime in RUNTIMES:
        points = [find(cells, runtime, "mlp", "growth", 1, size) for size in DEFAULT_BATCH_SIZES]
        points = [p for p in points if p and "median" in p]
        if points:
            figure.add_trace(go.Scatter(
                x=[p["batch"] for p in points], y=[p["median"] * 1e3 for p in points], name=RUNTIMES[runtime][1], mode="lines+markers",
                error_y={"type": "data", "symmetric": False, "array": [(p["q3"] - p["median"]) * 1e3 for p in points],
                         "arrayminus": [(p["median"] - p["q1"]) * 1e3 for p in points]},
            ))
    figure.update_layout(colorway=plotly.colors.qualitative.Dark24, xaxis_type="log", yaxis_type="log", xaxis_title="batch size", yaxis_title="latency of one call (ms)", height=520)
    print(chart_html(figure, "MLP inference latency against batch size, one line per runtime, 1 thread, log-log"))
    print("\nMLP inference on one thread; error bars span the interquartile range of the calls at each batch size.\n")

    # The build publishes the saved results beside this page (build_hooks.PUBLISHED_MEASUREMENTS).
    print(f'<a download href="{PUBLISHED_NAME}">Download these measurements (JSON)</a> to compare with yours: '
          f"`make bench ARGS=\"--output mine.json --compare {PUBLISHED_NAME}\"`.")


if __name__ == "__main__":
    sys.exit(main())
