"""DL Rosetta's timing suite as a command-line tool: measure this machine, write JSON, compare.

    python scripts/bench.py --output mine.json                 # the whole suite
    python scripts/bench.py --runtimes pytorch,onnxruntime --workloads mlp --output mine.json
    python scripts/bench.py --output mine.json --compare site.json

Each framework runs in its own process (bench_worker.py), at 1 thread and at all cores. Cells
report median and interquartile range; a cell whose IQR is over 10% of its median is flagged.
"""

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

from bench_stats import summarize
from build_environment import cpu_model, package_versions

WORKER = Path(__file__).with_name("bench_worker.py")
# runtime -> (framework process it runs in, label on the page)
RUNTIMES = {
    "pytorch": ("torch", "PyTorch eager"),
    "torch-compile": ("torch", "torch.compile"),
    "tf-eager": ("tensorflow", "TensorFlow eager"),
    "tf-function": ("tensorflow", "tf.function"),
    "tf-xla": ("tensorflow", "tf.function(jit_compile=True)"),
    "litert": ("tensorflow", "LiteRT"),
    "keras-tf-fit": ("keras-tensorflow", "Keras fit/predict, TensorFlow backend"),
    "keras-tf-call": ("keras-tensorflow", "Keras model(x), TensorFlow backend"),
    "keras-torch-fit": ("keras-torch", "Keras fit/predict, PyTorch backend"),
    "keras-torch-call": ("keras-torch", "Keras model(x), PyTorch backend"),
    "onnxruntime": ("onnxruntime", "ONNX Runtime"),
}
FRAMEWORKS = ["torch", "tensorflow", "keras-tensorflow", "keras-torch", "onnxruntime", "numpy"]
GEMM_FRAMEWORKS = {"torch", "tensorflow", "onnxruntime", "numpy"}  # Keras runs its backend's GEMM
WORKLOADS = ["linear", "mlp", "cnn", "gemm", "growth"]
DEFAULT_BATCH_SIZES = [1, 4, 16, 64, 256, 1024]
# At all cores, the MLP's batched training and inference and GEMM, where threads can matter;
# single-sample latency and growth are measured at 1 thread.
ALL_CORES_WORKLOADS = {"mlp", "gemm"}
WORKER_TIMEOUT = 600


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


def check_writable(path: Path) -> None:
    folder = path.resolve().parent
    if path.is_dir() or not folder.is_dir() or not os.access(folder, os.W_OK):
        raise UsageError(f"cannot write the results to {path}")


def plan(runtimes: list[str], workloads: list[str], thread_settings: list[int]) -> list[tuple[str, int, list[str], list[str]]]:
    """One (framework, threads, runtimes, workloads) job per framework process."""
    jobs = []
    for threads in thread_settings:
        chosen = [w for w in workloads if threads == 1 or w in ALL_CORES_WORKLOADS]
        models = [w for w in chosen if w != "gemm"]
        for framework in FRAMEWORKS:
            gemm = ["gemm"] if "gemm" in chosen and framework in GEMM_FRAMEWORKS else []
            # torch.compile's compile time dominates its cost: it is measured at 1 thread only.
            mine = [r for r in runtimes if RUNTIMES[r][0] == framework and (threads == 1 or r != "torch-compile")]
            if mine and models or gemm:
                jobs.append((framework, threads, mine, (models if mine else []) + gemm))
    return jobs


def run_suite(runtimes, workloads, batch_sizes, thread_settings, progress=sys.stderr) -> dict:
    cells = []
    started = time.perf_counter()
    for framework, threads, mine, chosen in plan(runtimes, workloads, thread_settings):
        print(f"[{time.perf_counter() - started:5.1f} s] {framework}, {threads} thread(s): {', '.join(mine) or 'GEMM'}", file=progress, flush=True)
        worker = subprocess.run(
            [sys.executable, str(WORKER), framework, str(threads), ",".join(mine), ",".join(chosen), ",".join(map(str, batch_sizes))],
            capture_output=True, text=True, timeout=WORKER_TIMEOUT,
        )
        if worker.returncode != 0:
            reason = (worker.stderr.strip().splitlines() or ["no output"])[-1]
            cells += [{"runtime": r, "workload": w, "metric": "*", "threads": threads, "error": reason} for r in mine for w in chosen]
            continue
        for cell in json.loads(worker.stdout.strip().splitlines()[-1])["cells"]:
            cell["threads"] = threads
            if "samples" in cell:
                cell |= summarize(cell["samples"])
            cells.append(cell)
    print(f"[{time.perf_counter() - started:5.1f} s] done", file=progress, flush=True)
    return {"environment": environment(thread_settings), "seconds": time.perf_counter() - started, "cells": cells}


def environment(thread_settings) -> dict:
    flags = set()
    clock_mhz = 0.0
    if Path("/proc/cpuinfo").exists():
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("flags") and not flags:
                flags = set(line.split(":", 1)[1].split())
            if line.startswith("cpu MHz") and not clock_mhz:
                clock_mhz = float(line.split(":", 1)[1])
    vector = "avx512f" if "avx512f" in flags else "avx2" if "avx2" in flags else "none"
    # FLOP per cycle per core for float32 FMA: AVX-512 with two FMA units 64, AVX2 + FMA 32.
    flop_per_cycle = {"avx512f": 64, "avx2": 32}.get(vector, 8) if "fma" in flags or vector == "avx512f" else 8
    cores = os.cpu_count()
    return {
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%d"),
        "cpu": cpu_model(),
        "cores": cores,
        "clock_ghz": round(clock_mhz / 1000, 3),
        "vector_flags": sorted(f for f in flags if f.startswith(("avx", "fma", "amx"))),
        "flop_per_cycle": flop_per_cycle,
        "peak_gflops": round(cores * clock_mhz / 1000 * flop_per_cycle, 1),
        "threads": thread_settings,
        "python": platform.python_version(),
        "versions": package_versions(),
    }


def write_atomically(results: dict, path: Path) -> None:
    """Write to a temporary file beside `path`, then rename: never a half-written file."""
    with tempfile.NamedTemporaryFile("w", dir=path.resolve().parent, prefix=f".{path.name}.", delete=False) as partial:
        try:
            json.dump(results, partial, indent=1)
        except BaseException:
            partial.close()
            os.unlink(partial.name)
            raise
    os.replace(partial.name, path)


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


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", required=True, type=Path, help="where to write the results (JSON)")
    parser.add_argument("--runtimes", default=",".join(RUNTIMES), help=f"comma-separated, from: {', '.join(RUNTIMES)}")
    parser.add_argument("--workloads", default=",".join(WORKLOADS), help=f"comma-separated, from: {', '.join(WORKLOADS)}")
    parser.add_argument("--batch-sizes", default=",".join(map(str, DEFAULT_BATCH_SIZES)), help="for the growth workload")
    parser.add_argument("--compare", type=Path, help="results JSON to print beside yours (the site's, say)")
    args = parser.parse_args(argv)
    try:
        runtimes = parse_list(args.runtimes, list(RUNTIMES), "runtime")
        workloads = parse_list(args.workloads, WORKLOADS, "workload")
        batch_sizes = parse_batch_sizes(args.batch_sizes)
        check_writable(args.output)
        theirs = json.loads(args.compare.read_text()) if args.compare else None
    except UsageError as error:
        print(f"bench.py: {error}", file=sys.stderr)
        return 2
    except (OSError, json.JSONDecodeError) as error:
        print(f"bench.py: cannot read --compare {args.compare}: {error}", file=sys.stderr)
        return 2
    try:
        results = run_suite(runtimes, workloads, batch_sizes, sorted({1, os.cpu_count()}))
    except KeyboardInterrupt:
        print("bench.py: interrupted; nothing written", file=sys.stderr)
        return 130
    write_atomically(results, args.output)
    print(f"wrote {args.output} ({len(results['cells'])} cells in {results['seconds']:.0f} s)")
    if theirs:
        print(compare(results, theirs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
