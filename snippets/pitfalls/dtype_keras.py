"""Keras layers cast their inputs to the layer's dtype, so float64 NumPy arrays just
work."""

import os

os.environ["KERAS_BACKEND"] = "torch"

import keras
import numpy as np

features = np.random.default_rng(0).normal(size=(4, 3))  # float64
layer = keras.layers.Dense(1)
output = layer(features)
print(f"{features.dtype} into a {layer.dtype} Dense layer gives {output.dtype}, "
      f"shape {tuple(output.shape)}")
