"""Run the shared weights on the input batch in one runtime: python parity_runtime.py RUNTIME WORKDIR.

WORKDIR holds weights.npz and inputs.npy (written by gen_parity_table.py); the runtime saves its
outputs in WORKDIR/RUNTIME/outputs.npy and prints that path. RUNTIME is a slug of
rosetta.vocabulary.PARITY_RUNTIMES; the Keras backend and the thread count are fixed before any
framework is imported.
"""

import sys
from pathlib import Path

from rosetta.threads import pin_threads
from rosetta.vocabulary import PARITY_RUNTIMES


def main(slug: str, workdir: Path) -> None:
    import numpy as np

    from rosetta.digits.classifier import load_workdir
    from rosetta.digits.parity import RUNTIMES

    weights, inputs = load_workdir(workdir)
    folder = workdir / slug
    folder.mkdir()
    np.save(folder / "outputs.npy", np.asarray(RUNTIMES[slug](weights, inputs, folder), dtype=np.float32))
    print(folder / "outputs.npy")


if __name__ == "__main__":
    runtime, work = sys.argv[1], Path(sys.argv[2])
    if runtime not in PARITY_RUNTIMES:
        sys.exit(f"parity_runtime.py: unknown runtime {runtime!r}; choose from {', '.join(PARITY_RUNTIMES)}")
    pin_threads(1, keras_backend=PARITY_RUNTIMES[runtime].backend or "tensorflow")
    main(runtime, work)
