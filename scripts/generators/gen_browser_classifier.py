"""The digits classifier this build trained, run in the reader's browser with ONNX Runtime Web.

Reads what the deployment matrix saved (PyTorch's ONNX file of its classifier, the test images,
their labels and PyTorch's logits for them) and prints the page's interactive block: a drawing
grid, a choice of bundled test images, and the figures the reader's browser computes. The build
publishes the ONNX file beside the page; the hook of the site's assets copies ONNX Runtime Web
into the site. Under the block: what the browser will fetch, with sizes read from the files.
"""

import gzip

import numpy as np

from rosetta import measurements, processes
from rosetta.digits.classifier import CLASSIFIER, CLASSIFIER_ONNX, CLASSIFIER_TEST
from rosetta.digits.in_browser import bundled_cases, widget
from rosetta.environment import package_versions
from rosetta.site import onnxruntime_web
from rosetta.vocabulary import FLOAT_TOLERANCE

READS = ("package-lock.json",)  # the ONNX Runtime Web version whose files it sizes (installed by npm ci from it)
MEASUREMENTS = ("deployment",)  # the classifier's arrays and ONNX file are saved beside the deployment matrix
PUBLISHES = {"digits_classifier.onnx": "digits_classifier.onnx"}  # the ONNX file, beside the page
READER, PRODUCER = "gen_browser_classifier.py", "gen_deployment_matrix.py (ONNX and deployment page)"
IMAGES_PER_DIGIT = 3


def mebibytes(size: int) -> str:
    return f"{size / 2**20:.1f} MiB"


def main() -> None:
    inputs = measurements.load_arrays(CLASSIFIER, READER, PRODUCER)["inputs"]
    test = measurements.load_arrays(CLASSIFIER_TEST, READER, PRODUCER)
    model = measurements.load_file(CLASSIFIER_ONNX, READER, PRODUCER)
    cases = bundled_cases(inputs, test["labels"], test["pytorch_logits"], IMAGES_PER_DIGIT)
    right = sum(int(np.argmax(logits)) == label for logits, label in zip(cases["pytorch_logits"], cases["labels"]))
    wasm = onnxruntime_web.checked_files()[-1].read_bytes()
    print(widget(cases, PUBLISHES[CLASSIFIER_ONNX], FLOAT_TOLERANCE))
    print(f"\nWhat your browser fetches for this, from this site only and after the page has loaded: ONNX Runtime Web "
          f"{onnxruntime_web.version()} (its WebAssembly file is {mebibytes(len(wasm))}, {mebibytes(len(gzip.compress(wasm)))} "
          f"compressed) and the model, PyTorch {package_versions()['torch']}'s ONNX export of the deployment matrix's "
          f"classifier ({mebibytes(model.stat().st_size)}: 64 → 512 → 512 → 10, float32). The {len(cases['labels'])} bundled "
          f"test images ({IMAGES_PER_DIGIT} of each digit) are in the page with the logits PyTorch computed for them "
          f"during the build; PyTorch classified {right} of them correctly. Your browser's logits must match PyTorch's "
          f"within {FLOAT_TOLERANCE:.0e}, the tolerance every float32 route of the deployment matrix meets.\n")


if __name__ == "__main__":
    processes.run_main(main, __file__)
