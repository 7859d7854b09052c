"""Plan and run the timing suite: one worker process per framework (and Keras backend) and thread setting.

Cells report median and interquartile range (stats.summarize); a worker that fails turns its
cells into errors that the page shows, in one line.
"""

import json
import os
import platform
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

from rosetta import processes
from rosetta.bench import peak
from rosetta.bench.stats import summarize
from rosetta.environment import cpu_model, package_versions
from rosetta.paths import WORKERS
from rosetta.vocabulary import RUNTIMES, benchmark_processes, process_label

WORKER = WORKERS / "bench_worker.py"
WORKLOADS = ["linear", "mlp", "cnn", "gemm", "growth"]
DEFAULT_BATCH_SIZES = [1, 4, 16, 64, 256, 1024]
# At all cores, the MLP's batched training and inference and GEMM, where threads can matter, in each
# framework's own process (not Keras, which runs its backend's kernels); single-sample latency and
# growth are measured at 1 thread.
ALL_CORES_WORKLOADS = {"mlp", "gemm"}
WORKER_TIMEOUT = 600
ONE_THREAD_ONLY = {"torch-compile", "torch-compile-step"}  # compiled PyTorch: its compile time would be paid twice


class UsageError(Exception):
    """Bad input: reported in one line, exit status 2."""


def parse_list(text: str, allowed: list[str], what: str) -> list[str]:
    chosen = [item for item in text.split(",") if item]
    unknown = [item for item in chosen if item not in allowed]
    if unknown:
        raise UsageError(f"unknown {what} {unknown[0]!r}; choose from {', '.join(allowed)}")
    return chosen


def parse_batch_sizes(text: str) -> list[int]:
    try:
        sizes = [int(item) for item in text.split(",") if item]
    except ValueError:
        raise UsageError(f"batch sizes must be whole numbers, got {text!r}") from None
    if not sizes or min(sizes) < 1:
        raise UsageError(f"every batch size must be at least 1, got {text!r}")
    return sizes


def has_own_gemm(process: str) -> bool:
    return not process.startswith("keras-")  # Keras runs its backend's GEMM


def plan(runtimes: list[str], workloads: list[str], thread_settings: list[int]) -> list[tuple[str, int, list[str], list[str]]]:
    """One (process, threads, runtimes, workloads) job per benchmark process."""
    jobs = []
    for threads in thread_settings:
        chosen = [w for w in workloads if threads == 1 or w in ALL_CORES_WORKLOADS]
        models = [w for w in chosen if w != "gemm"]
        for process in benchmark_processes():
            if threads > 1 and process.startswith("keras-"):
                continue  # Keras runs its backend's kernels: their scaling is the backend's own row
            gemm = ["gemm"] if "gemm" in chosen and has_own_gemm(process) else []
            # torch.compile's compile time dominates its cost: it is measured at 1 thread only.
            mine = [r for r in runtimes if RUNTIMES[r].process == process and (threads == 1 or r not in ONE_THREAD_ONLY)]
            if mine and models or gemm:
                jobs.append((process, threads, mine, (models if mine else []) + gemm))
    return jobs


def run_suite(runtimes, workloads, batch_sizes, thread_settings, progress=sys.stderr, worker=WORKER) -> dict:
    cells = []
    started = time.perf_counter()
    limit = measured_peak(thread_settings) if "gemm" in workloads else {"error": "no GEMM in this run"}
    print(f"[{time.perf_counter() - started:5.1f} s] peak: {limit}", file=progress, flush=True)
    for process, threads, mine, chosen in plan(runtimes, workloads, thread_settings):
        print(f"[{time.perf_counter() - started:5.1f} s] {process}, {threads} thread(s): {', '.join(mine) or 'GEMM'}", file=progress, flush=True)
        name = f"the {process_label(process)} benchmark process ({threads} thread{'s' if threads > 1 else ''})"
        try:
            result = processes.run_worker(worker, [process, str(threads), ",".join(mine), ",".join(chosen), ",".join(map(str, batch_sizes))],
                                          name=name, timeout=WORKER_TIMEOUT)
        except processes.ChildFailed as failure:
            cells += [{"runtime": r, "workload": w, "metric": "*", "threads": threads, "error": str(failure)} for r in mine for w in chosen]
            continue
        for cell in json.loads(result)["cells"]:
            cell["threads"] = threads
            if "samples" in cell:
                cell |= summarize(cell["samples"])
            cells.append(cell)
    if "gemm" in workloads:
        limit = best_peak(limit, measured_peak(thread_settings))
        print(f"[{time.perf_counter() - started:5.1f} s] peak, again; the best of both: {limit}", file=progress, flush=True)
    print(f"[{time.perf_counter() - started:5.1f} s] done", file=progress, flush=True)
    return {"environment": environment(thread_settings) | {"peak": limit}, "seconds": time.perf_counter() - started, "cells": cells}


def measured_peak(thread_settings) -> dict:
    """{"gflops": {"threads": GFLOP/s}} from the FMA loop (rosetta.bench.peak), or {"error": why} where it cannot run.
    The thread counts are strings, as JSON keeps them."""
    try:
        return {"gflops": {str(threads): gflops for threads, gflops in peak.measure(thread_settings).items()}}
    except peak.NoPeak as failure:
        return {"error": str(failure)}


def best_peak(before: dict, after: dict) -> dict:
    """The better of two measurements of the peak, per thread count. Whatever disturbs the machine
    (another process on the host, a slower clock for a while) can only slow the loop, never speed it
    up, so the peak is measured before the frameworks are timed and again after, and the best rate
    counts. An error where neither ran: the first one's."""
    found = [measured["gflops"] for measured in (before, after) if "gflops" in measured]
    if not found:
        return before
    return {"gflops": {threads: max(rates[threads] for rates in found if threads in rates) for threads in found[0]}}


def environment(thread_settings) -> dict:
    flags = set()
    clock_mhz = 0.0
    if Path("/proc/cpuinfo").exists():
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("flags") and not flags:
                flags = set(line.split(":", 1)[1].split())
            if line.startswith("cpu MHz") and not clock_mhz:
                clock_mhz = float(line.split(":", 1)[1])
    cores = os.cpu_count()
    return {
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%d"),
        "cpu": cpu_model(),
        "cores": cores,
        "clock_ghz": round(clock_mhz / 1000, 3),
        "vector_flags": sorted(f for f in flags if f.startswith(("avx", "fma", "amx"))),
        "threads": thread_settings,
        "python": platform.python_version(),
        "versions": package_versions(),
    }


def compare(mine: dict, theirs: dict) -> str:
    """The reader's medians beside the site's, for every cell both measured."""
    key = lambda cell: (cell["runtime"], cell["workload"], cell["metric"], cell["threads"], cell.get("batch"))
    site = {key(cell): cell for cell in theirs["cells"] if "median" in cell}
    lines = [f"{'cell':62s} {'yours':>12s} {'site':>12s} {'ratio':>7s}"]
    for cell in mine["cells"]:
        other = site.get(key(cell))
        if "median" in cell and other:
            name = " ".join(str(part) for part in key(cell) if part is not None)
            lines.append(f"{name:62s} {cell['median'] * 1e3:10.3f}ms {other['median'] * 1e3:10.3f}ms {cell['median'] / other['median']:7.2f}")
    return "\n".join(lines)
