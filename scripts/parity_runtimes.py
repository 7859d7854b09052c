"""Run one input batch through the same weights in one runtime: python parity_runtimes.py RUNTIME WORKDIR.

WORKDIR holds weights.npz and inputs.npy (written by gen_parity_table.py); the runtime saves
its outputs as <runtime>.npy there. Each runtime runs in its own process, because the Keras
backend is fixed at import and frameworks must not share a process's state.
"""

import os
import sys
from pathlib import Path

import numpy as np

import deployment_routes as routes


def tensorflow_raw(weights, inputs, folder):
    import tensorflow as tf

    hidden = tf.constant(inputs)
    layers = len(weights) // 2
    for index in range(layers):
        hidden = tf.matmul(hidden, tf.constant(weights[f"w{index}"])) + weights[f"b{index}"]
        if index < layers - 1:
            hidden = tf.nn.relu(hidden)
    return hidden.numpy()


def keras_call(weights, inputs, folder):
    import keras

    return keras.ops.convert_to_numpy(routes.keras_model(weights)(inputs))


def pytorch(weights, inputs, folder):
    import torch

    with torch.no_grad():
        return routes.torch_model(weights)(torch.from_numpy(inputs)).numpy()


def exported(route):
    """A runtime that loads the file a deployment route exported, and runs it."""
    def run(weights, inputs, folder):
        _, load = route(weights, folder)
        return load()(inputs)
    return run


RUNTIMES = {  # name: (function, Keras backend for its process)
    "PyTorch": (pytorch, None),
    "TensorFlow (raw ops)": (tensorflow_raw, None),
    "Keras, TensorFlow backend": (keras_call, "tensorflow"),
    "Keras, PyTorch backend": (keras_call, "torch"),
    "ONNX Runtime, exported from PyTorch": (exported(routes.onnx_from_pytorch), None),
    "ONNX Runtime, exported from Keras": (exported(routes.onnx_from_keras), "tensorflow"),
    "LiteRT": (exported(routes.litert), "tensorflow"),
}


def main(name: str, workdir: Path) -> None:
    if name not in RUNTIMES:
        sys.exit(f"parity_runtimes.py: unknown runtime {name!r}; choose from {', '.join(RUNTIMES)}")
    function, backend = RUNTIMES[name]
    weights, inputs = dict(np.load(workdir / "weights.npz")), np.load(workdir / "inputs.npy")
    folder = workdir / name.replace(" ", "_").replace(",", "")
    folder.mkdir()
    np.save(folder / "outputs.npy", np.asarray(function(weights, inputs, folder), dtype=np.float32))
    print(folder / "outputs.npy")


if __name__ == "__main__":
    runtime, work = sys.argv[1], Path(sys.argv[2])
    # Before any framework is imported: the backend of this process, and one thread each.
    os.environ.update(OMP_NUM_THREADS="1", TF_CPP_MIN_LOG_LEVEL="2", KERAS_BACKEND=(RUNTIMES.get(runtime, (0, None))[1] or "tensorflow"))
    main(runtime, work)
