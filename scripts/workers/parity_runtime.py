"""Run the shared weights on the input batch in one process: python parity_runtime.py RUNTIME[,RUNTIME...] WORKDIR.

WORKDIR holds weights.npz and inputs.npy (written by gen_parity_table.py); each runtime saves its
outputs in WORKDIR/RUNTIME/outputs.npy, and the last line printed maps each runtime to that path
(JSON). The RUNTIMEs are slugs of rosetta.vocabulary.PARITY_RUNTIMES that share a Keras backend
(rosetta.vocabulary.parity_processes); the backend and the thread count are fixed before any
framework is imported.
"""

import json
import sys
from pathlib import Path

from rosetta.processes import worker_targets
from rosetta.threads import pin_threads
from rosetta.vocabulary import PARITY_RUNTIMES


def main(slugs: list[str], workdir: Path) -> None:
    import numpy as np

    from rosetta.digits.classifier import load_workdir
    from rosetta.digits.parity import RUNTIMES

    weights, inputs = load_workdir(workdir)
    saved = {}
    for slug in slugs:
        folder = workdir / slug
        folder.mkdir()
        np.save(folder / "outputs.npy", np.asarray(RUNTIMES[slug](weights, inputs, folder), dtype=np.float32))
        saved[slug] = str(folder / "outputs.npy")
    print(json.dumps(saved))


if __name__ == "__main__":
    runtimes, work = worker_targets(sys.argv, PARITY_RUNTIMES, "runtime")
    backends = {PARITY_RUNTIMES[slug].backend for slug in runtimes}
    if len(backends) > 1:
        sys.exit(f"parity_runtime.py: {', '.join(runtimes)} need different Keras backends ({', '.join(sorted(backends))}); run them apart")
    pin_threads(1, keras_backend=backends.pop())
    main(runtimes, work)
