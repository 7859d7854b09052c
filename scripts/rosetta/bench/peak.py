"""The machine's true float32 peak, measured rather than derived from a clock the cores do not keep.

A register-only loop of fused multiply-adds (fma_peak.c, compiled for this CPU with the C compiler
found on the machine) runs on each of the first N cores at once; the best of TRIES runs is the
peak at N threads. No matrix product can go faster, so every share of it is at most 100%.
"""

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from rosetta.execution.alone import machine_to_myself

SOURCE = Path(__file__).with_name("fma_peak.c")
FLAGS = ["-O2", "-march=native", "-ffp-contract=fast"]
ROUNDS = 50_000_000  # 19.2 GFLOP per core: about 0.1 s at 200 GFLOP/s
TRIES = 5


class NoPeak(RuntimeError):
    """The loop could not be built or run here; the message says why, in one line."""


def compiler() -> str:
    found = shutil.which("cc") or shutil.which("gcc")
    if not found:
        raise NoPeak("no C compiler (cc or gcc) on this machine to build the FMA loop")
    return found


def build(folder: Path) -> Path:
    program = folder / "fma_peak"
    done = subprocess.run([compiler(), *FLAGS, str(SOURCE), "-o", str(program)], capture_output=True, text=True)
    if done.returncode != 0:
        raise NoPeak(f"the FMA loop did not compile: {(done.stderr.strip().splitlines() or ['no output'])[-1]}")
    return program


def run_on(program: Path, cores: list[int]) -> float:
    """GFLOP/s of the loop running on each of `cores` at once, one process bound to each."""
    children = [subprocess.Popen([str(program), str(ROUNDS)], stdout=subprocess.PIPE, text=True,
                                 preexec_fn=lambda core=core: os.sched_setaffinity(0, {core}))
                for core in cores]
    rates = []
    for child in children:
        out, _ = child.communicate()
        if child.returncode != 0:
            raise NoPeak(f"the FMA loop exited with status {child.returncode}")
        rates.append(float(out.split()[0]))
    return sum(rates)


def measure(thread_settings: list[int]) -> dict[int, float]:
    """The peak GFLOP/s at each thread count (cores 0..N-1 of those this process may use), best of TRIES."""
    cores = sorted(os.sched_getaffinity(0))
    with tempfile.TemporaryDirectory(prefix="rosetta-peak-") as folder:
        program = build(Path(folder))
        with machine_to_myself():
            return {threads: max(run_on(program, cores[:threads]) for _ in range(TRIES)) for threads in thread_settings}
