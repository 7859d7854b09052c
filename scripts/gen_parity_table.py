"""The parity table: one set of trained weights in seven runtimes, against a float64 reference.

The weights are the deployment matrix's digits classifier (trained with scikit-learn, so no
framework is favoured); the input batch is its 450 test images. Each runtime runs in its own
process (parity_runtimes.py). The build fails when a runtime differs from the float64 NumPy
forward pass by more than the tolerance.
"""

import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

from gen_deployment_matrix import FLOAT_TOLERANCE, reference_logits, trained_digits_model
from parity_runtimes import RUNTIMES

SCRIPT = Path(__file__).with_name("parity_runtimes.py")


def differences(outputs: np.ndarray, reference: np.ndarray) -> tuple[float, float]:
    """Largest absolute difference, and the same relative to the reference's largest magnitude."""
    absolute = float(np.abs(outputs - reference).max())
    return absolute, absolute / float(np.abs(reference).max())


def main() -> None:
    weights, inputs, labels = trained_digits_model()
    reference = reference_logits(weights, inputs)
    rows = []
    with tempfile.TemporaryDirectory(prefix="rosetta-parity-") as workdir:
        np.savez(Path(workdir) / "weights.npz", **weights)
        np.save(Path(workdir) / "inputs.npy", inputs)
        for name in RUNTIMES:
            print(f"running {name}...", file=sys.stderr, flush=True)
            run = subprocess.run([sys.executable, str(SCRIPT), name, workdir], capture_output=True, text=True)
            if run.returncode != 0:
                sys.exit(f"gen_parity_table.py: {name} failed: {(run.stderr.strip().splitlines() or ['no error output'])[-1]}")
            outputs = np.load(run.stdout.strip().splitlines()[-1])
            rows.append((name, *differences(outputs, reference), int((outputs.argmax(1) == reference.argmax(1)).sum())))

    over = [f"{name} differs by {absolute:.1e}" for name, absolute, *_ in rows if not absolute <= FLOAT_TOLERANCE]
    if over:
        sys.exit(f"gen_parity_table.py: over the tolerance of {FLOAT_TOLERANCE:.0e}: {'; '.join(over)}")
    print("| Runtime | Largest absolute difference | Largest relative difference | Same predicted digit |")
    print("| --- | ---: | ---: | ---: |")
    for name, absolute, relative, agreeing in rows:
        print(f"| {name} | {absolute:.1e} | {relative:.1e} | {agreeing} of {len(inputs)} |")
    print(f"\nReference: a float64 NumPy forward pass of the same weights on the {len(inputs)} test images (the "
          f"largest logit is {np.abs(reference).max():.1f} in size). Relative difference: the absolute one divided by "
          f"that largest logit. Tolerance: {FLOAT_TOLERANCE:.0e} absolute, enforced by the build.")


if __name__ == "__main__":
    main()
