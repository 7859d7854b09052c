"""Keras -> LiteRT (formerly TF Lite): convert the SavedModel, run it in the LiteRT interpreter."""

import os

os.environ["KERAS_BACKEND"] = "tensorflow"

import keras
import numpy as np
import tensorflow as tf
from ai_edge_litert.interpreter import Interpreter  # tf.lite.Interpreter is deprecated
from sklearn.datasets import load_digits

TOLERANCE = 1e-5

keras.utils.set_random_seed(0)
model = keras.Sequential(
    [keras.Input(shape=(64,)), keras.layers.Dense(32, activation="relu"), keras.layers.Dense(10)]
)
pixels = (load_digits().data / 16.0).astype(np.float32)

# Keras 3 converts through a SavedModel: export it, then hand it to the converter.
model.export("digits_savedmodel", format="tf_saved_model", verbose=False)
flatbuffer = tf.lite.TFLiteConverter.from_saved_model("digits_savedmodel").convert()
with open("digits.tflite", "wb") as file:
    file.write(flatbuffer)
print(f"digits.tflite: {len(flatbuffer) / 1024:.1f} KiB")

interpreter = Interpreter(model_path="digits.tflite", num_threads=1)
input_detail = interpreter.get_input_details()[0]
output_detail = interpreter.get_output_details()[0]
print(f"input {input_detail['shape'].tolist()} (batch dimension {input_detail['shape_signature'][0]}: resizable)")

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
        raise SystemExit(f"LiteRT differs from Keras by {difference:.1e} > {TOLERANCE:.0e}")
print(f"all batch sizes agree within {TOLERANCE:.0e}")
