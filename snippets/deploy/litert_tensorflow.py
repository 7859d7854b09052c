"""Keras -> LiteRT (formerly TF Lite): export the .tflite file directly, run it in the
LiteRT interpreter."""

import os

os.environ["KERAS_BACKEND"] = "tensorflow"

import keras
import numpy as np
from ai_edge_litert.interpreter import Interpreter  # tf.lite.Interpreter is deprecated
from sklearn.datasets import load_digits

TOLERANCE = 1e-5

keras.utils.set_random_seed(0)
model = keras.Sequential([
    keras.Input(shape=(64,)),
    keras.layers.Dense(32, activation="relu"),
    keras.layers.Dense(10),
])
pixels = (load_digits().data / 16.0).astype(np.float32)

# Keras 3.13 and later: one step
model.export("digits.tflite", format="litert", verbose=False)
print(f"digits.tflite: {os.path.getsize('digits.tflite') / 1024:.1f} KiB")

interpreter = Interpreter(model_path="digits.tflite", num_threads=1)
input_detail = interpreter.get_input_details()[0]
output_detail = interpreter.get_output_details()[0]
print(f"input {input_detail['shape'].tolist()} "
      f"(batch dimension {input_detail['shape_signature'][0]}: resizable)")

for batch_size in (1, 7, 64):
    x = pixels[:batch_size]
    interpreter.resize_tensor_input(input_detail["index"], [batch_size, 64])
    interpreter.allocate_tensors()
    interpreter.set_tensor(input_detail["index"], x)
    interpreter.invoke()
    logits = interpreter.get_tensor(output_detail["index"])
    difference = float(np.abs(logits - model(x).numpy()).max())
    print(f"batch {batch_size:2d}: max |LiteRT - Keras| = {difference:.1e}")
    if difference > TOLERANCE:
        raise SystemExit(
            f"LiteRT differs from Keras by {difference:.1e} > {TOLERANCE:.0e}"
        )
print(f"all batch sizes agree within {TOLERANCE:.0e}")
