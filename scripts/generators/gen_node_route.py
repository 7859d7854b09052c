"""The exported model leaves Python: ONNX Runtime for Node.js runs it, and its logits are compared with PyTorch's.

Both files run as a reader runs them, one after the other in one empty folder:
`python onnx_export_pytorch.py` writes the ONNX file, 64 images and PyTorch's logits for them;
`node classify_digits_node.mjs` (beside the project's node_modules, where npm installed
onnxruntime-node) runs the file and writes its logits. The page shows the JavaScript file and
what it printed; the build fails when Node.js's logits differ from PyTorch's by more than the
float tolerance.
"""

import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

import numpy as np

from rosetta import paths, processes
from rosetta.vocabulary import FLOAT_TOLERANCE

READS = ("snippets/deploy/onnx_export_pytorch.py", "snippets/deploy/classify_digits_node.mjs")
MEASUREMENTS = ()
PYTHON_FILE, NODE_FILE = (Path(name) for name in READS)
TIMEOUT = 300


def run_both(project: paths.Project, folder: Path) -> str:
    """Run the two files in `folder` as a reader would; return what the JavaScript file printed."""
    modules = paths.REPO / "node_modules" / "onnxruntime-node"
    if not modules.is_dir():
        sys.exit(f"gen_node_route.py: {modules} is missing: install the project's npm packages (make does: npm ci)")
    for source in (PYTHON_FILE, NODE_FILE):
        shutil.copy(project.root / source, folder / source.name)
    (folder / "node_modules").symlink_to(paths.REPO / "node_modules")
    environment = {name: value for name, value in os.environ.items() if not name.startswith("ROSETTA_")}
    processes.run_checked([sys.executable, PYTHON_FILE.name], name=PYTHON_FILE.name, timeout=TIMEOUT, cwd=folder, env=environment)
    done = processes.run_checked(["node", NODE_FILE.name], name=NODE_FILE.name, timeout=TIMEOUT, cwd=folder, env=environment)
    return done.stdout


def largest_difference(folder: Path) -> float:
    """Node.js's logits against PyTorch's, both as the files wrote them."""
    pytorch = np.array(json.loads((folder / "digits_test.json").read_text())["pytorch_logits"], dtype=np.float64)
    node = np.array(json.loads((folder / "node_logits.json").read_text()), dtype=np.float64).reshape(pytorch.shape)
    return float(np.abs(node - pytorch).max())


def main() -> None:
    project = paths.current()
    with tempfile.TemporaryDirectory(prefix="rosetta-node-") as workdir:
        printed = run_both(project, Path(workdir))
        difference = largest_difference(Path(workdir))
    if not difference <= FLOAT_TOLERANCE:
        sys.exit(f"gen_node_route.py: ONNX Runtime for Node.js differs from PyTorch by {difference:.1e} > {FLOAT_TOLERANCE:.0e}")
    source = (project.root / NODE_FILE).read_text(encoding="utf-8").strip()
    print(f'=== "ONNX"\n\n    ```js title="{NODE_FILE.name}"')
    print("\n".join(f"    {line}" if line else "" for line in source.splitlines()))
    print("    ```\n")
    print("    ```text")
    print("\n".join(f"    {line}" for line in printed.strip().splitlines()))
    print("    ```\n")
    print(f"The build compared the two files of logits itself: the largest difference is {difference:.1e}, within "
          f"the float tolerance of {FLOAT_TOLERANCE:.0e} that every route of the matrix meets.")


if __name__ == "__main__":
    processes.run_main(main, __file__)
