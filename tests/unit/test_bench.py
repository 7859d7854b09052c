"""The timing harness: its statistics on synthetic timings, and the command line's errors.

Nothing here asserts on a measured time.
"""

import json
import os
import signal
import subprocess
import sys
import time

import numpy as np
import pytest

from rosetta.atomic import write_text_atomically
from rosetta.bench.measure import ENOUGH_SECONDS, timed
from rosetta.bench.models import BATCH, batched, whole_batches
from rosetta.bench.stats import summarize
from support import load_generator
from rosetta.bench.suite import ALL_CORES_WORKLOADS, compare, plan, run_suite
from rosetta.paths import REPO
from rosetta.vocabulary import RUNTIMES, benchmark_processes

BENCH = REPO / "scripts" / "bench.py"


def test_summary_of_known_samples():
    summary = summarize([1.0, 2.0, 3.0, 4.0, 5.0])
    assert (summary["median"], summary["q1"], summary["q3"], summary["iqr"]) == (3.0, 2.0, 4.0, 2.0)
    assert summary["iqr_ratio"] == pytest.approx(2 / 3) and summary["noisy"]
    assert summary["p50"] == 3.0 and summary["p90"] == pytest.approx(4.6)


def test_steady_samples_are_not_flagged_and_a_spread_over_ten_percent_is():
    assert not summarize([10.0] * 8)["noisy"]
    assert not summarize([0.95, 1.0, 1.0, 1.0, 1.05])["noisy"]  # IQR/median = 0
    assert summarize([0.8, 0.9, 1.0, 1.1, 1.2])["noisy"]  # IQR/median = 0.2


def test_latency_percentiles_of_64_calls():
    calls = [0.001] * 57 + [0.010] * 7  # a few slow calls move p90, not p50
    summary = summarize(calls)
    # inclusive p90 of 64 sorted values sits at position 0.9 × 63 = 56.7, between the last fast call and the first slow one
    assert summary["p50"] == 0.001 and summary["p90"] == pytest.approx(0.001 + 0.7 * 0.009)


def test_one_sample_has_no_spread():
    with pytest.raises(ValueError, match="at least 2 samples"):
        summarize([1.0])


def test_all_cores_runs_only_batched_workloads_and_every_framework_gets_its_own_process():
    jobs = plan(list(RUNTIMES), ["linear", "mlp", "gemm", "growth"], [1, 2])
    assert all(set(workloads) <= ALL_CORES_WORKLOADS for _, threads, _, workloads in jobs if threads == 2)
    frameworks_at_one_thread = [framework for framework, threads, _, _ in jobs if threads == 1]
    assert len(frameworks_at_one_thread) == len(set(frameworks_at_one_thread)) == len(benchmark_processes()) == 8
    at_all_cores = [framework for framework, threads, _, _ in jobs if threads == 2]
    assert at_all_cores == ["torch", "tensorflow", "jax", "onnxruntime", "numpy"], "Keras runs its backend's kernels"


def test_compiled_training_is_measured_on_the_mlp_at_one_thread_beside_its_eager_row():
    from rosetta.bench.runtimes import RUNTIMES as CLASSES

    compiled = {"torch-compile-step", "keras-tf-fit-jit", "keras-torch-fit-jit"}
    assert all(CLASSES[slug].workloads == ("mlp",) and CLASSES[slug].predict is None for slug in compiled)
    assert [CLASSES[slug].jit_compile for slug in ("keras-tf-fit", "keras-tf-fit-jit")] == ["auto", True]
    jobs = plan(list(RUNTIMES), ["linear", "mlp", "cnn"], [1, 2])
    at_one_thread = {runtime for _, threads, mine, _ in jobs if threads == 1 for runtime in mine}
    at_all_cores = {runtime for _, threads, mine, _ in jobs if threads == 2 for runtime in mine}
    assert compiled <= at_one_thread and not compiled & at_all_cores
    for _, _, mine, _ in jobs:  # each compiled row shares its framework's process with the eager one
        assert not compiled & set(mine) or {"pytorch", "keras-tf-fit", "keras-torch-fit"} & set(mine)


def test_compare_prints_the_readers_median_beside_the_sites():
    cell = {"runtime": "pytorch", "workload": "mlp", "metric": "latency", "threads": 1}
    mine = {"cells": [cell | {"median": 0.002}, cell | {"metric": "train_epoch", "note": "x"}]}
    site = {"cells": [cell | {"median": 0.001}]}
    lines = compare(mine, site).splitlines()
    assert len(lines) == 2 and lines[1].split()[-1] == "2.00" and "pytorch mlp latency 1" in lines[1]


@pytest.mark.parametrize("arguments, message", [
    (["--runtimes", "pytorch,caffe"], "bench.py: unknown runtime 'caffe'; choose from pytorch, torch-compile"),
    (["--workloads", "resnet"], "bench.py: unknown workload 'resnet'; choose from linear, mlp, cnn, gemm, growth"),
    (["--batch-sizes", "1,0,4"], "bench.py: every batch size must be at least 1, got '1,0,4'"),
    (["--batch-sizes", "one"], "bench.py: batch sizes must be whole numbers, got 'one'"),
])
def test_bad_input_is_one_clear_line_and_exit_status_2(arguments, message, tmp_path):
    run = subprocess.run([sys.executable, str(BENCH), "--output", str(tmp_path / "r.json"), *arguments],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 2
    assert run.stderr.splitlines() == [run.stderr.strip()] and run.stderr.startswith(message)
    assert not (tmp_path / "r.json").exists()


@pytest.mark.parametrize("where", ["missing-folder/results.json", "."])
def test_an_unwritable_output_path_is_refused_before_measuring(where, tmp_path):
    started = time.monotonic()
    run = subprocess.run([sys.executable, str(BENCH), "--output", where], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert (run.returncode, run.stderr) == (2, f"bench.py: cannot write the results to {where}\n")
    assert time.monotonic() - started < 30, "refused up front, not after the suite"


def test_a_failed_write_leaves_neither_a_partial_file_nor_a_temporary_one(tmp_path):
    target = tmp_path / "results.json"
    target.write_text('{"previous": true}')
    with pytest.raises(TypeError):
        write_text_atomically(target, lambda stream: json.dump({"cells": [object()]}, stream))  # fails half-way through
    assert json.loads(target.read_text()) == {"previous": True}
    assert [path.name for path in tmp_path.iterdir()] == ["results.json"]


def test_an_interrupted_run_writes_nothing(tmp_path):
    output = tmp_path / "results.json"
    run = subprocess.Popen([sys.executable, str(BENCH), "--output", str(output), "--runtimes", "pytorch", "--workloads", "mlp"],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                           # as from a terminal, even when the tests were started in the background (which ignores SIGINT)
                           preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    time.sleep(3)  # the first worker is running
    run.send_signal(signal.SIGINT)
    _, stderr = run.communicate(timeout=60)
    assert run.returncode == 130 and "interrupted; nothing written" in stderr
    assert list(tmp_path.iterdir()) == []


def test_a_worker_that_dies_without_a_word_turns_its_cells_into_one_line_errors(tmp_path):
    silent = tmp_path / "dying_worker.py"
    silent.write_text("import os\nos._exit(3)\n")
    results = run_suite(["pytorch"], ["mlp"], [1], [1], progress=open(os.devnull, "w"), worker=silent)
    errors = {cell["error"] for cell in results["cells"]}
    assert errors == {"the PyTorch benchmark process (1 thread) exited with status 3: (no error output)"}


class ScriptedClock:
    """A clock that each call of the timed function moves on by the next of the given durations."""

    def __init__(self, durations):
        self.now, self.durations, self.calls = 0.0, iter(durations), 0

    def __call__(self) -> float:
        return self.now

    def call(self) -> None:
        self.calls += 1
        self.now += next(self.durations)


@pytest.mark.parametrize("durations, timed_calls", [
    ([0.02] + [0.01] * 20, 5),  # settled at once: the least count
    ([0.02] + [0.01, 0.013, 0.007] * 10, 10),  # never settles: the most
    ([0.02, 0.01, 0.015, 0.005, 0.014, 0.006] + [0.01] * 20, 9),  # settles after four more
    ([2.0] + [0.08, 0.1, 0.05] * 10, 7),  # never settles, but seven calls take 0.57 s: enough
    ([2.0] + [0.5, 0.7, 0.3] * 10, 5),  # the least count, although it took longer than 0.5 s
])
def test_a_cell_repeats_its_call_until_its_spread_settles_or_it_took_long_enough(durations, timed_calls):
    clock = ScriptedClock(durations)
    first, samples = timed(clock.call, (5, 10), clock=clock)
    assert first == durations[0] and len(samples) == timed_calls and clock.calls == 1 + timed_calls
    assert ENOUGH_SECONDS == 0.5



@pytest.mark.parametrize("first_shown", [True, False])
def test_only_a_first_call_a_table_shows_is_timed_alone_the_others_warm_up_beside_other_work(monkeypatch, first_shown):
    from contextlib import contextmanager

    from rosetta.bench import measure

    window = {"open": False}

    @contextmanager
    def machine_to_myself():
        window["open"] = True
        yield
        window["open"] = False
    monkeypatch.setattr(measure, "machine_to_myself", machine_to_myself)
    alone = []
    first, samples = measure.timed(lambda: alone.append(window["open"]), (3, 3), first_shown=first_shown)
    assert len(samples) == 3 and all(alone[1:])
    assert alone[0] is first_shown
    assert (first is not None) is first_shown

# The GEMM table's limit: measured by a register-only FMA loop, never exceeded on the page.

def test_the_fma_loop_is_built_and_measured_on_each_thread_count():
    from rosetta.bench import peak

    measured = peak.measure([1, 2])
    assert set(measured) == {1, 2} and all(gflops > 0 for gflops in measured.values())


def test_without_a_c_compiler_the_peak_is_an_error_in_one_line(monkeypatch):
    from rosetta.bench import peak, suite

    monkeypatch.setattr(peak.shutil, "which", lambda name: None)
    assert suite.measured_peak([1]) == {"error": "no C compiler (cc or gcc) on this machine to build the FMA loop"}


def gemm_cell(runtime: str, threads: int, gflops: float) -> dict:
    return {"runtime": runtime, "workload": "gemm", "threads": threads, "size": 1024, "median": 2 * 1024 ** 3 / gflops / 1e9, "noisy": False}


def test_a_gemm_is_shown_as_a_share_of_the_measured_peak_and_never_above_it(capsys):
    benchmarks = load_generator("gen_benchmarks")
    env = {"clock_ghz": 2.6, "vector_flags": ["avx512f"], "peak": {"gflops": {"1": 200.0, "2": 400.0}}}
    table = benchmarks.gemm_section([gemm_cell("torch", 1, 150.0), gemm_cell("numpy", 2, 380.0)], env, [1, 2])
    page = capsys.readouterr().out
    assert "would give 166 per core, less than the loop reached" in page  # 2.6 GHz x 64 FLOP per cycle < 200
    assert "| PyTorch | 1 | 150.0 GFLOP/s | 75% of 200 |" in table and "| NumPy | 2 | 380.0 GFLOP/s | 95% of 400 |" in table
    assert page.count('class="rosetta-chart"') == 1 and page.index("rosetta-chart") < page.index("The limit is measured")
    assert ("NumPy on 2 threads comes nearest the machine's limit, at 95% of it, and PyTorch on 1 thread reaches 75%."
            in page)
    with pytest.raises(benchmarks.OverPeak, match=r"^NumPy at 2 thread\(s\) ran its GEMM at 410\.0 GFLOP/s, above the measured peak of 400\.0"):
        benchmarks.gemm_section([gemm_cell("numpy", 2, 410.0)], env, [1, 2])
    benchmarks.gemm_section([gemm_cell("numpy", 1, 150.0)], {"clock_ghz": 2.6, "peak": {"error": "no C compiler"}}, [1])
    assert "could not be measured here (no C compiler)" in capsys.readouterr().out


def test_each_finding_names_the_ends_of_what_its_chart_plots():
    from rosetta.bench import findings

    assert findings.quickest({"JAX": 0.002, "PyTorch": 0.001, "Keras": 0.0125}, "One epoch") == (
        "One epoch: PyTorch is the quickest (1 ms) and Keras the slowest (12.5 ms), 12.5 times as long.")
    assert findings.busiest({"JAX": 9000.0, "PyTorch": 120000.0, "Keras": 3000.0}, "Batches") == (
        "Batches: PyTorch gets through the most samples per second (120,000) and Keras the fewest (3,000), "
        "40.0 times as many on the first.")
    assert findings.steepest({"JAX": (0.001, 0.004), "NumPy": (0.0001, 0.01)}, "From a batch of 1 to one of 1024") == (
        "From a batch of 1 to one of 1024, a call grows least on JAX (4.0 times as long) and most on NumPy (100.0 times).")
    assert findings.quickest({"JAX": 0.002}, "One epoch") == (
        "One epoch: fewer than two runtimes were measured, so there is nothing to compare.")


def test_every_runtime_trains_an_epoch_of_the_same_whole_batches():
    x, y = np.arange(1797 * 2).reshape(1797, 2), np.arange(1797)
    kept_x, kept_y = whole_batches(x, y)
    batches = batched(x, y)
    assert len(kept_x) == len(kept_y) == 1797 // BATCH * BATCH
    assert {len(batch_x) for batch_x, _ in batches} == {BATCH}
    assert np.array_equal(np.concatenate([batch_x for batch_x, _ in batches]), kept_x)
    assert np.array_equal(np.concatenate([batch_y for _, batch_y in batches]), kept_y)


def test_the_peak_is_the_best_of_the_measurements_before_and_after_the_suite():
    from rosetta.bench.suite import best_peak

    before, after = {"gflops": {"1": 96.5, "2": 230.0}}, {"gflops": {"1": 117.2, "2": 228.0}}
    assert best_peak(before, after) == {"gflops": {"1": 117.2, "2": 230.0}}
    assert best_peak({"error": "no C compiler"}, after) == after
    assert best_peak(before, {"error": "the FMA loop exited with status 1"}) == before
    assert best_peak({"error": "no C compiler"}, {"error": "no C compiler"}) == {"error": "no C compiler"}
