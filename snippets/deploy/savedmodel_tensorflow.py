"""Keras -> SavedModel: export, reload with plain TensorFlow, call the serving
signature, compare."""

import os

os.environ["KERAS_BACKEND"] = "tensorflow"

import keras
import numpy as np
import tensorflow as tf
from sklearn.datasets import load_digits

TOLERANCE = 1e-5

keras.utils.set_random_seed(0)
model = keras.Sequential([
    keras.Input(shape=(64,)),
    keras.layers.Dense(32, activation="relu"),
    keras.layers.Dense(10),
])
pixels = (load_digits().data / 16.0).astype(np.float32)
model.export("digits_savedmodel", format="tf_saved_model", verbose=False)

# What TF Serving, LiteRT's converter or another program sees: no Keras needed to load
# it.
reloaded = tf.saved_model.load("digits_savedmodel")
serve = reloaded.signatures["serving_default"]
(input_name, input_spec), = serve.structured_input_signature[1].items()
print("signatures:", list(reloaded.signatures))
print(f"serving_default takes {input_name!r} {input_spec.shape} "
      f"and returns {list(serve.structured_outputs)}")

for batch_size in (1, 7, 64):
    x = pixels[:batch_size]
    (served,) = serve(**{input_name: tf.constant(x)}).values()
    difference = float(np.abs(served.numpy() - model(x).numpy()).max())
    print(f"batch {batch_size:2d}: max |SavedModel - Keras| = {difference:.1e}")
    if difference > TOLERANCE:
        raise SystemExit(
            f"the SavedModel differs from Keras by {difference:.1e} > {TOLERANCE:.0e}"
        )
print(f"all batch sizes agree within {TOLERANCE:.0e}")
