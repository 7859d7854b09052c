"""Run the timing suite (rosetta.bench) and print the Benchmarks page's tables and charts."""

import os
import sys

import plotly
import plotly.graph_objects as go

from rosetta import measurements
from rosetta.bench import findings, peak
from rosetta.bench.measure import ENOUGH_SECONDS, REPEATS, SETTLED_IQR_RATIO
from rosetta.bench.report import (error_bars, find, first_of, measured, measured_cells, noisy, percentiles, samples_per_second,
                                  shown, spread)
from rosetta.bench.suite import DEFAULT_BATCH_SIZES, WORKLOADS, run_suite
from rosetta.rendering.charts import chart_html
from rosetta.rendering.tables import folded, markdown_table
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


def threads_name(threads: int) -> str:
    return f"{threads} thread{'s' if threads > 1 else ''}"


def runtime_bars(figure, value_title: str) -> None:
    """Horizontal bars, one row per runtime in the suite's order, on a log axis: their values span
    orders of magnitude, and the runtimes' long names read across."""
    rows = len({label for trace in figure.data for label in trace.y})
    figure.update_layout(barmode="group", xaxis_type="log", xaxis_title=value_title, height=120 + 22 * rows * len(figure.data))
    figure.update_yaxes(autorange="reversed", automargin=True)


def epoch_chart(cells, threads_list) -> str:
    """The MLP's training epoch per runtime and thread setting, with IQR error bars."""
    figure = go.Figure()
    for threads in threads_list:
        cells_measured = measured_cells(cells, RUNTIMES, "mlp", "train_epoch", threads)
        figure.add_trace(go.Bar(
            y=[RUNTIMES[c["runtime"]].label for c in cells_measured], x=[c["median"] * 1e3 for c in cells_measured],
            name=threads_name(threads), error_x=error_bars(cells_measured), orientation="h",
        ))
    runtime_bars(figure, "one training epoch (ms, log scale)")
    return chart_html(figure, "Training time of one MLP epoch per runtime, at 1 thread and at all cores")


def throughput_chart(cells, threads_list) -> str:
    """Samples per second of the MLP on batches of 256, per runtime and thread setting."""
    figure = go.Figure()
    for threads in threads_list:
        batches = measured_cells(cells, RUNTIMES, "mlp", "throughput", threads, 256)
        figure.add_trace(go.Bar(y=[RUNTIMES[c["runtime"]].label for c in batches], x=[c["batch"] / c["median"] for c in batches],
                                name=threads_name(threads), orientation="h"))
    runtime_bars(figure, "samples per second (log scale)")
    return chart_html(figure, "MLP inference throughput on batches of 256 per runtime, at 1 thread and at all cores")


def latency_chart(cells) -> str:
    """The MLP's single-sample latency per runtime, 1 thread: the bar is the p50, its whisker reaches the p90."""
    calls = measured_cells(cells, RUNTIMES, "mlp", "latency", 1)
    figure = go.Figure(go.Bar(
        y=[RUNTIMES[c["runtime"]].label for c in calls], x=[c["p50"] * 1e3 for c in calls], orientation="h",
        error_x={"type": "data", "symmetric": False, "array": [(c["p90"] - c["p50"]) * 1e3 for c in calls],
                 "arrayminus": [0] * len(calls)},
    ))
    runtime_bars(figure, "one sample, p50 (ms, log scale)")
    return chart_html(figure, "MLP single-sample latency per runtime at 1 thread: median, with a whisker to the 90th percentile")


def growth_chart(cells) -> str:
    figure = go.Figure()
    for slug, runtime in RUNTIMES.items():
        points = growth_points(cells, slug)
        if points:
            figure.add_trace(go.Scatter(x=[p["batch"] for p in points], y=[p["median"] * 1e3 for p in points],
                                        name=runtime.label, mode="lines+markers", error_y=error_bars(points)))
    figure.update_layout(colorway=plotly.colors.qualitative.Dark24, xaxis_type="log", yaxis_type="log",
                         xaxis_title="batch size", yaxis_title="latency of one call (ms, log scale)", height=520)
    return chart_html(figure, "MLP inference latency against batch size, one line per runtime, 1 thread, log-log")


def growth_points(cells, slug) -> list[dict]:
    return [p for p in (measured(cells, slug, "mlp", "growth", 1, size) for size in DEFAULT_BATCH_SIZES) if p]


def gemm_chart(rows) -> str:
    """Each framework's GEMM as a share of the measured peak, per thread setting."""
    figure = go.Figure()
    for threads in sorted({row["threads"] for row in rows}):
        mine = [row for row in rows if row["threads"] == threads]
        figure.add_trace(go.Bar(x=[row["label"] for row in mine], y=[row["share"] * 100 for row in mine], name=threads_name(threads)))
    figure.update_layout(barmode="group", yaxis_range=[0, 100], yaxis_title="share of the measured peak (%)", height=440)
    return chart_html(figure, "Each framework's 1024×1024 matrix product as a share of the machine's measured peak")


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


def gemm_rows(cells, peaks, threads_list) -> list[dict]:
    """Each GEMM cell's rate and its share of the measured peak (None without one); a share over 1 stops the build."""
    rows = []
    for threads in threads_list:
        for cell in (c for c in cells if c["workload"] == "gemm" and c["threads"] == threads and "median" in c):
            gflops = gemm_gflops(cell)
            limit = peaks.get(str(threads))
            if limit and gflops > limit:
                raise OverPeak(f"{process_label(cell['runtime'])} at {threads} thread(s) ran its GEMM at {gflops:.1f} GFLOP/s, "
                               f"above the measured peak of {limit:.1f}: the peak measurement is wrong, so the page is not printed")
            rows.append({"label": process_label(cell["runtime"]), "threads": threads, "gflops": gflops, "limit": limit,
                         "share": gflops / limit if limit else None, "cell": cell})
    return rows


def gemm_section(cells, env, threads_list) -> str:
    """Print the GEMM chart, its method and finding; return its full table."""
    print("## Matrix multiply against the machine's limit\n")
    peaks = env.get("peak", {}).get("gflops", {})
    rows = gemm_rows(cells, peaks, threads_list)
    if peaks:
        measured = ", ".join(f"**{peaks[str(t)]:.1f} GFLOP/s** on {t} core{'s' if t > 1 else ''}" for t in threads_list if str(t) in peaks)
        print(gemm_chart([row for row in rows if row["share"]]))
        shares = {f"{row['label']} on {threads_name(row['threads'])}": row["share"] for row in rows if row["share"]}
        print(f"\n{findings.nearest_the_peak(shares, 'A 1024×1024 float32 matrix product')}\n")
        print(f"The limit is measured, not derived from a clock: a loop of fused multiply-adds on 16-float vectors, "
              f"twelve independent ones so that every FMA unit stays busy, with no memory traffic at all (`fma_peak.c`, "
              f"compiled for this CPU), runs on each core at once, {peak.TRIES} times before the frameworks are timed and "
              f"{peak.TRIES} times after; the best run gives {measured}. No "
              f"matrix product can beat it, whatever clock the cores run at.{nominal_note(env, peaks)} A 1024×1024 float32 "
              "matrix product costs 2 × 1024³ FLOP.\n")
    else:
        print(f"The limit could not be measured here ({env.get('peak', {}).get('error', 'no measurement')}): the table "
              "gives each framework's rate alone. A 1024×1024 float32 matrix product costs 2 × 1024³ FLOP.\n")
    xla = {row["threads"]: row["gflops"] for row in rows if row["cell"]["runtime"] == "jax"}
    if len(xla) > 1:
        low, high = min(xla), max(xla)
        print(f"XLA takes no thread count: JAX's GEMM ran at {xla[low]:.1f} GFLOP/s in the process bound to one core and "
              f"{xla[high]:.1f} GFLOP/s on {high} cores, {xla[high] / xla[low]:.1f} times as fast: "
              + ("the binding held it to one core." if xla[high] / xla[low] >= 1.5 else "the binding did not hold it to one core.") + "\n")
    table_rows = [[row["label"], row["threads"], f"{row['gflops']:.1f} GFLOP/s{noisy(row['cell'])}",
                   f"{row['share']:.0%} of {row['limit']:.0f}" if row["limit"] else "—"] for row in rows]
    return markdown_table(["Framework", "Threads", "GFLOP/s (median)", "Share of the measured peak"], table_rows, "lrrr")


def labelled(cells, workload, metric, threads, value, batch=None) -> dict[str, float]:
    """Runtime label -> `value(cell)` for each runtime measured at these coordinates."""
    return {RUNTIMES[cell["runtime"]].label: value(cell) for cell in measured_cells(cells, RUNTIMES, workload, metric, threads, batch)}


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

    print("## Training: one epoch of an MLP\n")
    print(epoch_chart(cells, threads_list))
    print(f"\n{findings.quickest(labelled(cells, 'mlp', 'train_epoch', 1, lambda c: c['median']), 'One epoch at 1 thread')} "
          "An MLP on the digits (64 → 128 → 128 → 10), 28 batches of 64; bars show the median, error bars the IQR.\n")
    print("## Inference: throughput on batches of 256\n")
    print(throughput_chart(cells, threads_list))
    busy = labelled(cells, "mlp", "throughput", threads_list[-1], lambda c: c["batch"] / c["median"], 256)
    print(f"\n{findings.busiest(busy, f'The same MLP on {threads_name(threads_list[-1])}')}\n")
    print("## Inference: latency of one sample\n")
    print(latency_chart(cells))
    print(f"\n{findings.quickest(labelled(cells, 'mlp', 'latency', 1, lambda c: c['p50']), 'A single-sample call, p50 at 1 thread')} "
          "The whisker reaches the 90th percentile.\n")
    try:
        gemm_table = gemm_section(cells, env, threads_list)
    except OverPeak as error:
        sys.exit(f"gen_benchmarks.py: {error}")
    print("## Latency as the batch grows\n")
    print(growth_chart(cells))
    growth = {runtime.label: (points[0]["median"], points[-1]["median"]) for slug, runtime in RUNTIMES.items()
              if len(points := growth_points(cells, slug)) > 1}
    batches = f"From a batch of {DEFAULT_BATCH_SIZES[0]} to one of {DEFAULT_BATCH_SIZES[-1]}"
    print(f"\n{findings.steepest(growth, batches)} "
          "MLP inference on one thread; error bars span the interquartile range of the calls at each batch size.\n")

    print("## Every measurement\n")
    print("The tables hold every cell the charts draw and the others: spreads, first calls, the failed and the skipped.\n")
    rows = [[runtime.label, shown(cell, spread), first_of(cell)] for slug, runtime in RUNTIMES.items()
            if (cell := find(cells, slug, "linear", "train_100_steps", 1))]
    print(folded("The tiny linear model: framework overhead (100 Adam steps on batches of 64 of the first page's "
                 "3-input model, 1 thread)", markdown_table(["Runtime", "100 steps (median ± IQR/2)", "First run"], rows, "lrr")))
    for workload, title in (("mlp", "An MLP on the digits (64 → 128 → 128 → 10)"), ("cnn", "A small CNN on the 8×8 digit images")):
        print(folded(title, model_table(cells, workload, threads_list)))
    print(folded("Matrix multiply: each framework's rate and its share of the measured peak", gemm_table))

    # The build publishes the saved results beside this page (PUBLISHES).
    published = PUBLISHES["benchmarks"]
    print(f'<a download href="{published}">Download these measurements (JSON)</a> to compare with yours: '
          f"`make bench ARGS=\"--output mine.json --compare {published}\"`.")


if __name__ == "__main__":
    main()
