"""Keras -> ONNX on the TensorFlow backend: model.export(format="onnx") goes through
tf2onnx."""

import os

os.environ["KERAS_BACKEND"] = "tensorflow"  # set before keras is imported

import keras
import numpy as np
import onnxruntime as ort
from sklearn.datasets import load_digits

TOLERANCE = 1e-5

keras.utils.set_random_seed(0)
model = keras.Sequential([
    keras.Input(shape=(64,)),
    keras.layers.Dense(32, activation="relu"),
    keras.layers.Dense(10),
])
pixels = (load_digits().data / 16.0).astype(np.float32)
model(pixels[:1])  # the model must have been called once before export

model.export("digits_mlp.onnx", format="onnx", verbose=False)

session = ort.InferenceSession("digits_mlp.onnx", providers=["CPUExecutionProvider"])
(graph_input,) = session.get_inputs()
print(f"backend: {keras.backend.backend()}; "
      f"input {graph_input.name!r} with shape {graph_input.shape}")
for batch_size in (1, 7, 64):
    x = pixels[:batch_size]
    (onnx_logits,) = session.run(None, {graph_input.name: x})
    difference = float(np.abs(onnx_logits - keras.ops.convert_to_numpy(model(x))).max())
    print(f"batch {batch_size:2d}: logits {onnx_logits.shape}, "
          f"max |ONNX Runtime - Keras| = {difference:.1e}")
    if difference > TOLERANCE:
        raise SystemExit(
            f"ONNX Runtime differs from Keras by {difference:.1e} > {TOLERANCE:.0e}"
        )
print(f"all batch sizes agree within {TOLERANCE:.0e}")
