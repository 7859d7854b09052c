"""Hardware acceleration in Keras 3: the backend decides; keras.device pins work
explicitly."""

import os

os.environ["KERAS_BACKEND"] = "torch"

import keras
import torch
from keras import ops

device = "cuda:0" if torch.cuda.is_available() else "cpu:0"  # the backend's own check
print("backend", keras.config.backend(),
      "- CUDA GPU available:", torch.cuda.is_available())

with keras.device(device):
    weights = ops.ones((256, 256))
    product = ops.matmul(weights, weights)
print("computed on", product.device, "- first value", float(product[0, 0]))
