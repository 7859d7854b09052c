"""Time one framework's runtimes on the benchmark workloads, in this process only.

python bench_worker.py PROCESS THREADS RUNTIMES WORKLOADS BATCH_SIZES
(comma-separated lists; PROCESS as in rosetta.vocabulary.benchmark_processes()). Pins the threads
before any framework is imported, then prints one JSON line: the raw timing samples (in seconds)
of every cell. bench.py starts one of these per process and thread setting, so no framework's
state leaks into another's timings.
"""

import json
import sys

from rosetta.threads import pin_framework_threads, pin_threads

if __name__ == "__main__":
    process, threads = sys.argv[1], int(sys.argv[2])
    backend = process.removeprefix("keras-") if process.startswith("keras-") else None
    pin_threads(threads, keras_backend=backend)  # before NumPy loads its BLAS
    pin_framework_threads(backend or process, threads)
    from rosetta.bench.measure import process_cells

    print(json.dumps(process_cells(*sys.argv[1:6])))
