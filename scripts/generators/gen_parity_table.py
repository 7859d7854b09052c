"""The parity table: one set of trained weights in every framework and exported file, against a float64 reference.

The weights are the deployment matrix's digits classifier (trained with scikit-learn, so no
framework is favoured), read from the arrays it saves rather than trained again; the input batch
is its 450 test images. Each framework runs in a process
of its own, shared with Keras on it (scripts/workers/parity_runtime.py); the exported files (ONNX, LiteRT) are the ones the
deployment matrix reloaded, read from its measurements rather than exported twice. The build
fails when a runtime differs from the float64 NumPy forward pass by more than the tolerance.
"""

import json
import sys
import tempfile
from pathlib import Path

import numpy as np

from rosetta import measurements, processes
from rosetta.digits.classifier import CLASSIFIER, differences, reference_logits, save_workdir
from rosetta.paths import WORKERS
from rosetta.rendering.tables import markdown_table
from rosetta.vocabulary import DEPLOYMENT_ROUTES, FLOAT_TOLERANCE, PARITY_FROM_DEPLOYMENT, PARITY_RUNTIMES, parity_processes

READS = ()  # files besides its code: none
MEASUREMENTS = ("deployment",)  # other pages' measurements it reads: the exported files' outputs
WORKER = WORKERS / "parity_runtime.py"
RUNTIME_TIMEOUT = 600


def run_runtimes(weights, inputs, reference, worker=WORKER) -> list[tuple]:
    outputs = {}
    with tempfile.TemporaryDirectory(prefix="rosetta-parity-") as workdir:
        save_workdir(Path(workdir), weights, inputs)
        for slugs in parity_processes().values():
            labels = " and ".join(PARITY_RUNTIMES[slug].label for slug in slugs)
            print(f"running {labels}...", file=sys.stderr, flush=True)
            saved = json.loads(processes.run_worker(worker, [",".join(slugs), workdir], name=labels, timeout=RUNTIME_TIMEOUT))
            outputs |= {slug: np.load(path) for slug, path in saved.items()}
    return [(runtime.label, *differences(outputs[slug], reference), int((outputs[slug].argmax(1) == reference.argmax(1)).sum()))
            for slug, runtime in PARITY_RUNTIMES.items()]


def exported_rows(reference) -> list[tuple]:
    """The deployment matrix's reloaded files, as parity rows (ONNX Runtime and LiteRT running them)."""
    measured = {row["slug"]: row for row in measurements.load("deployment", "gen_parity_table.py", "gen_deployment_matrix.py")}
    largest = float(np.abs(reference).max())
    return [(f"{DEPLOYMENT_ROUTES[slug].label} (the deployment matrix's file)", measured[slug]["difference"],
             measured[slug]["difference"] / largest, measured[slug]["agreeing"])
            for slug in PARITY_FROM_DEPLOYMENT if slug in measured]  # a route that failed there is shown failed there


def main() -> None:
    arrays = measurements.load_arrays(CLASSIFIER, "gen_parity_table.py", "gen_deployment_matrix.py")
    inputs = arrays.pop("inputs")
    weights = arrays
    reference = reference_logits(weights, inputs)
    rows = run_runtimes(weights, inputs, reference) + exported_rows(reference)
    over = [f"{name} differs by {absolute:.1e}" for name, absolute, *_ in rows if not absolute <= FLOAT_TOLERANCE]
    if over:
        sys.exit(f"gen_parity_table.py: over the tolerance of {FLOAT_TOLERANCE:.0e}: {'; '.join(over)}")
    print(markdown_table(["Runtime", "Largest absolute difference", "Largest relative difference", "Same predicted digit"],
                         [[name, f"{absolute:.1e}", f"{relative:.1e}", f"{agreeing} of {len(inputs)}"]
                          for name, absolute, relative, agreeing in rows], "lrrr"))
    print(f"\nReference: a float64 NumPy forward pass of the same weights on the {len(inputs)} test images (the "
          f"largest logit is {np.abs(reference).max():.1f} in size). Relative difference: the absolute one divided by "
          f"that largest logit. Tolerance: {FLOAT_TOLERANCE:.0e} absolute, enforced by the build.")


if __name__ == "__main__":
    processes.run_main(main, __file__)
