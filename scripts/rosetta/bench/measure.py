"""What one benchmark process measures: every cell of its runtimes and workloads, as raw timing samples."""

import statistics
import time

import numpy as np

from rosetta.bench.models import BATCH, digits
from rosetta.bench.runtimes import RUNTIMES, ort_session
from rosetta.execution.alone import machine_to_myself

# Timed calls per cell: at least the first number; more, up to the second, until the spread is small
# or the calls have taken long enough (a 40 ms call is timed 16 times, a 10 µs call 64 times).
REPEATS = {"epoch": (3, 4), "latency": (16, 64), "throughput": (3, 6), "growth": (3, 6), "gemm": (3, 6)}
SETTLED_IQR_RATIO = 0.05  # a cell stops repeating once its IQR is within 5% of its median
ENOUGH_SECONDS = 0.5  # ... or once its timed calls add up to this
GEMM_SIZE, THROUGHPUT_BATCH = 1024, 256


def settled(samples: list[float]) -> bool:
    """Whether repeating the call again would tell little more: the IQR is within 5% of the median."""
    q1, median, q3 = statistics.quantiles(samples, n=4, method="inclusive")
    return median > 0 and (q3 - q1) / median <= SETTLED_IQR_RATIO


def timed(function, repeats: tuple[int, int], clock=time.perf_counter, first_shown: bool = True) -> tuple[float | None, list[float]]:
    """The first call's time (tracing, compiling, warm-up), then timed calls: at least `repeats[0]`, and
    more, up to `repeats[1]`, while the spread has not settled and the calls have taken less than
    ENOUGH_SECONDS in all. In a build, the machine is this process's alone for the timed calls, and for
    the first call when a table shows it (`first_shown`); otherwise the first call is a warm-up, made
    before asking for the machine, and its time is None."""
    least, most = repeats
    first = None
    if not first_shown:
        function()
    with machine_to_myself():
        if first_shown:
            started = clock()
            function()
            first = clock() - started
        samples = []
        while len(samples) < least or (len(samples) < most and not settled(samples) and sum(samples) < ENOUGH_SECONDS):
            started = clock()
            function()
            samples.append(clock() - started)
    return first, samples


def gemm_cell(framework: str):
    """A GEMM of two 1024x1024 float32 matrices in this framework."""
    a = np.random.default_rng(0).random((GEMM_SIZE, GEMM_SIZE), dtype=np.float32)
    if framework == "torch":
        import torch

        ta = torch.from_numpy(a)
        return lambda: torch.mm(ta, ta)
    if framework == "tensorflow":
        import tensorflow as tf

        ta = tf.constant(a)
        return lambda: tf.linalg.matmul(ta, ta).numpy()
    if framework == "jax":
        import jax.numpy as jnp

        ja = jnp.asarray(a)
        return lambda: jnp.dot(ja, ja).block_until_ready()
    if framework == "onnxruntime":
        from onnx import TensorProto, helper

        graph = helper.make_graph([helper.make_node("MatMul", ["a", "a"], ["c"])], "gemm",
                                  [helper.make_tensor_value_info("a", TensorProto.FLOAT, [GEMM_SIZE, GEMM_SIZE])],
                                  [helper.make_tensor_value_info("c", TensorProto.FLOAT, [GEMM_SIZE, GEMM_SIZE])])
        session = ort_session(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 20)]))
        return lambda: session.run(None, {"a": a})
    return lambda: a @ a  # numpy


def measure(runtime_name: str, workload: str, batch_sizes: list[int], single_calls: bool) -> list[dict]:
    """Every cell of one runtime on one workload; growth cells when `batch_sizes` is not empty.

    Single-sample latency and growth are measured only when `single_calls` (at 1 thread).
    """
    runtime = RUNTIMES[runtime_name](workload)
    x, y = (np.random.default_rng(0).normal(size=(6400, 3)).astype(np.float32), None) if workload == "linear" else digits(workload == "cnn", not runtime_name.startswith(("pytorch", "torch", "onnx")))
    if workload == "linear":
        y = x @ np.array([[2.0], [-3.0], [0.5]], np.float32)
    cells = []

    def add(metric, unit, first, samples, **extra):
        first_call = {} if first is None else {"first_call_s": first}
        cells.append({"runtime": runtime_name, "workload": workload, "metric": metric, "unit": unit, **first_call, "samples": samples, **extra})

    def skip(metric, note):
        cells.append({"runtime": runtime_name, "workload": workload, "metric": metric, "note": note})

    training = "train_100_steps" if workload == "linear" else "train_epoch"
    if runtime.train_steps is None:
        skip(training, runtime.cannot_train)
    else:
        xs, ys = (x[:100 * BATCH], y[:100 * BATCH]) if workload == "linear" else (x, y)
        # The tables show one first call per row: training's for the linear model and for a model that
        # cannot predict, else the latency cell's (1 thread) or the throughput cell's.
        add(training, "s", *timed(runtime.train_steps(xs, ys), REPEATS["epoch"],
                                  first_shown=workload == "linear" or runtime.predict is None))
    if workload == "linear":
        return cells
    if runtime.predict is None:
        for metric in ("latency", "throughput") if single_calls else ("throughput",):
            skip(metric, runtime.cannot_predict)
        return cells
    if single_calls:
        add("latency", "s", *timed(runtime.predict(x[:1]), REPEATS["latency"]))
    first, samples = timed(runtime.predict(x[:THROUGHPUT_BATCH]), REPEATS["throughput"], first_shown=not single_calls)
    add("throughput", "s", first, samples, batch=THROUGHPUT_BATCH)
    if workload == "mlp" and single_calls:
        for size in batch_sizes:
            batch = np.resize(x, (size, *x.shape[1:]))
            add("growth", "s", *timed(runtime.predict(batch), REPEATS["growth"], first_shown=False), batch=size)
    return cells


def process_cells(framework: str, threads: str, runtimes: str, workloads: str, sizes: str) -> dict:
    """The cells of one benchmark process (bench_worker.py's arguments, comma-separated lists)."""
    if "growth" in workloads.split(",") and "mlp" not in workloads.split(","):
        workloads += ",mlp"  # growth is the MLP's latency at each batch size
    cells = []
    requested = workloads.split(",")
    growth_sizes = [int(size) for size in sizes.split(",")] if "growth" in requested else []
    for runtime_name in filter(None, runtimes.split(",")):
        for workload in [w for w in requested if w in RUNTIMES[runtime_name].workloads]:
            try:
                cells += measure(runtime_name, workload, growth_sizes, single_calls=threads == "1")
            except Exception as error:  # the page shows the error instead of the cell
                cells.append({"runtime": runtime_name, "workload": workload, "metric": "*", "error": f"{type(error).__name__}: {' '.join(str(error).split())[:300]}"})
    if "gemm" in requested:
        _, samples = timed(gemm_cell(framework), REPEATS["gemm"], first_shown=False)
        cells.append({"runtime": framework, "workload": "gemm", "metric": "gemm", "unit": "s", "samples": samples, "size": GEMM_SIZE})
    return {"framework": framework, "threads": int(threads), "cells": cells}
