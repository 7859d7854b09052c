"""Run the timing suite (rosetta.bench) and print the Benchmarks page's tables and charts."""

import os
import sys

import plotly
import plotly.graph_objects as go

from rosetta import measurements
from rosetta.bench import peak
from rosetta.bench.measure import ENOUGH_SECONDS, REPEATS, SETTLED_IQR_RATIO
from rosetta.bench.report import error_bars, find, first_of, measured, noisy, percentiles, samples_per_second, shown, spread
from rosetta.bench.suite import DEFAULT_BATCH_SIZES, WORKLOADS, run_suite
from rosetta.rendering.charts import chart_html
from rosetta.rendering.tables import markdown_table
from rosetta.vocabulary import RUNTIMES, process_label

READS = ()  # files besides its code: none; it measures this machine
MEASUREMENTS = ()  # other pages' measurements it reads
SAVES = ("benchmarks",)  # measurements it writes for other pages
EXCLUSIVE = "while timing"  # its workers time each cell with every other job stopped (rosetta.execution.alone)
PUBLISHES = {"benchmarks": "dl-rosetta-benchmarks.json"}  # measurement -> file published beside the page


REPEATED = {"epoch": "a training epoch", "latency": "a single-sample call", "throughput": "a batch of 256",
            "growth": "each batch size of the growth curve", "gemm": "a GEMM"}


def repeats_rule() -> str:
    """How many times each cell is timed, from the suite's own settings."""
    counts = [f"{REPEATED[kind]} {least}" + (f" to {most}" if most > least else "") for kind, (least, most) in REPEATS.items()]
    return (f"Repeats: each cell times its call a least and a most number of times ({', '.join(counts)}), and stops "
            f"repeating as soon as its IQR is within {SETTLED_IQR_RATIO:.0%} of its median or its timed calls have taken "
            f"{ENOUGH_SECONDS:g} s in all. The first call a table shows (tracing, compiling) is timed alone too; "
            f"any other cell's first call is a warm-up, run beside the build's other work and not timed.")


def model_table(cells, workload, threads_list) -> str:
    rows = []
    for threads in threads_list:
        for slug, runtime in RUNTIMES.items():
            epoch = find(cells, slug, workload, "train_epoch", threads)
            latency = find(cells, slug, workload, "latency", threads)
            batch = find(cells, slug, workload, "throughput", threads, 256)
            if epoch is None and batch is None:
                continue
            rows.append([runtime.label, threads, shown(epoch, spread), shown(latency, percentiles, "1 thread only"),
                         shown(batch, samples_per_second), first_of(latency, batch, epoch)])
    return markdown_table(["Runtime", "Threads", "Training epoch (median ± IQR/2)", "Latency, 1 sample: p50 / p90",
                           "Throughput, batch 256", "First call"], rows, "lrrrrr")


def epoch_chart(cells, threads_list) -> str:
    """The MLP's training epoch per runtime and thread setting, with IQR error bars."""
    figure = go.Figure()
    for threads in threads_list:
        cells_measured = [c for c in (measured(cells, r, "mlp", "train_epoch", threads) for r in RUNTIMES) if c]
        figure.add_trace(go.Bar(
            x=[RUNTIMES[c["runtime"]].label for c in cells_measured], y=[c["median"] * 1e3 for c in cells_measured],
            name=f"{threads} thread{'s' if threads > 1 else ''}", error_y=error_bars(cells_measured),
        ))
    figure.update_layout(barmode="group", yaxis_type="log", yaxis_title="one training epoch (ms, log scale)", height=480)
    return chart_html(figure, "Training time of one MLP epoch per runtime, at 1 thread and at all cores")


def growth_chart(cells) -> str:
    figure = go.Figure()
    for slug, runtime in RUNTIMES.items():
        points = [p for p in (measured(cells, slug, "mlp", "growth", 1, size) for size in DEFAULT_BATCH_SIZES) if p]
        if points:
            figure.add_trace(go.Scatter(x=[p["batch"] for p in points], y=[p["median"] * 1e3 for p in points],
                                        name=runtime.label, mode="lines+markers", error_y=error_bars(points)))
    figure.update_layout(colorway=plotly.colors.qualitative.Dark24, xaxis_type="log", yaxis_type="log", xaxis_title="batch size", yaxis_title="latency of one call (ms)", height=520)
    return chart_html(figure, "MLP inference latency against batch size, one line per runtime, 1 thread, log-log")


def gemm_gflops(cell) -> float:
    """The rate of a GEMM cell: a product of two n×n matrices costs 2n³ FLOP."""
    return 2 * cell["size"] ** 3 / cell["median"] / 1e9


class OverPeak(ValueError):
    """A GEMM measured faster than the measured peak: the peak is wrong, and the page must not print it."""


def nominal_note(env, peaks) -> str:
    """Why the clock the CPU reports cannot give the peak, when the loop beat what it implies (AVX-512: 64 FLOP per cycle)."""
    if "avx512f" not in env.get("vector_flags", []) or "1" not in peaks:
        return ""
    nominal = env["clock_ghz"] * 64
    if peaks["1"] <= nominal:
        return ""
    return (f" The {env['clock_ghz']} GHz the CPU reports, at the 64 FLOP per cycle of two AVX-512 FMA units, would give "
            f"{nominal:.0f} per core, less than the loop reached: the cores run faster while they compute.")


def gemm_section(cells, env, threads_list) -> None:
    print("## Matrix multiply against the machine's limit\n")
    peaks = env.get("peak", {}).get("gflops", {})
    if peaks:
        measured = ", ".join(f"**{peaks[str(t)]:.1f} GFLOP/s** on {t} core{'s' if t > 1 else ''}" for t in threads_list if str(t) in peaks)
        print(f"The limit is measured, not derived from a clock: a loop of fused multiply-adds on 16-float vectors, "
              f"twelve independent ones so that every FMA unit stays busy, with no memory traffic at all (`fma_peak.c`, "
              f"compiled for this CPU), runs on each core at once; the best of {peak.TRIES} runs gives {measured}. No "
              f"matrix product can beat it, whatever clock the cores run at.{nominal_note(env, peaks)} A 1024×1024 float32 "
              "matrix product costs 2 × 1024³ FLOP.\n")
    else:
        print(f"The limit could not be measured here ({env.get('peak', {}).get('error', 'no measurement')}): the table "
              "gives each framework's rate alone. A 1024×1024 float32 matrix product costs 2 × 1024³ FLOP.\n")
    rows = []
    for threads in threads_list:
        for cell in (c for c in cells if c["workload"] == "gemm" and c["threads"] == threads and "median" in c):
            gflops = gemm_gflops(cell)
            limit = peaks.get(str(threads))
            if limit and gflops > limit:
                raise OverPeak(f"{process_label(cell['runtime'])} at {threads} thread(s) ran its GEMM at {gflops:.1f} GFLOP/s, "
                               f"above the measured peak of {limit:.1f}: the peak measurement is wrong, so the page is not printed")
            share = f"{gflops / limit:.0%} of {limit:.0f}" if limit else "—"
            rows.append([process_label(cell["runtime"]), threads, f"{gflops:.1f} GFLOP/s{noisy(cell)}", share])
    print(markdown_table(["Framework", "Threads", "GFLOP/s (median)", "Share of the measured peak"], rows, "lrrr") + "\n")
    xla = {c["threads"]: gemm_gflops(c) for c in cells if c["workload"] == "gemm" and c["runtime"] == "jax" and "median" in c}
    if len(xla) > 1:
        low, high = min(xla), max(xla)
        print(f"XLA takes no thread count: JAX's GEMM ran at {xla[low]:.1f} GFLOP/s in the process bound to one core and "
              f"{xla[high]:.1f} GFLOP/s on {high} cores, {xla[high] / xla[low]:.1f} times as fast: "
              + ("the binding held it to one core." if xla[high] / xla[low] >= 1.5 else "the binding did not hold it to one core.") + "\n")


def main() -> None:
    results = run_suite(list(RUNTIMES), WORKLOADS, DEFAULT_BATCH_SIZES, sorted({1, os.cpu_count()}))
    measurements.save("benchmarks", results)  # read by the decision guide, published beside this page
    env, cells = results["environment"], results["cells"]
    threads_list = env["threads"]
    versions = env["versions"]

    print(f"!!! info \"Measured by this build: {env['date']}, {env['cpu']}, {env['cores']} cores, {env['clock_ghz']} GHz nominal\"")
    print(f"    Vector flags: {', '.join(env['vector_flags']) or 'none'}. Threads: {' and '.join(map(str, threads_list))}. "
          f"Python {env['python']}, torch {versions['torch']}, TensorFlow {versions['tensorflow']}, Keras {versions['keras']}, "
          f"JAX {versions['jax']}, ONNX Runtime {versions['onnxruntime']}, NumPy {versions['numpy']}. The whole suite took {results['seconds']:.0f} s.\n")
    print(f"    {repeats_rule()}\n")

    print("## The tiny linear model: framework overhead\n")
    print("100 Adam steps on batches of 64 samples of the first page's 3-input linear model, 1 thread.\n")
    rows = [[runtime.label, shown(cell, spread), first_of(cell)] for slug, runtime in RUNTIMES.items()
            if (cell := find(cells, slug, "linear", "train_100_steps", 1))]
    print(markdown_table(["Runtime", "100 steps (median ± IQR/2)", "First run"], rows, "lrr") + "\n")
    for workload, title in (("mlp", "An MLP on the digits (64 → 128 → 128 → 10)"), ("cnn", "A small CNN on the 8×8 digit images")):
        print(f"## {title}\n")
        print(model_table(cells, workload, threads_list) + "\n")
        if workload == "mlp":
            print(epoch_chart(cells, threads_list))
            print("\nOne training epoch of the MLP (28 batches of 64); bars show the median, error bars the IQR.\n")

    try:
        gemm_section(cells, env, threads_list)
    except OverPeak as error:
        sys.exit(f"gen_benchmarks.py: {error}")
    print("## Latency as the batch grows\n")
    print(growth_chart(cells))
    print("\nMLP inference on one thread; error bars span the interquartile range of the calls at each batch size.\n")

    # The build publishes the saved results beside this page (PUBLISHES).
    published = PUBLISHES["benchmarks"]
    print(f'<a download href="{published}">Download these measurements (JSON)</a> to compare with yours: '
          f"`make bench ARGS=\"--output mine.json --compare {published}\"`.")


if __name__ == "__main__":
    main()
