"""Tensor operations in Keras 3: keras.ops is one NumPy-like API that runs on every
backend."""

import os

# Try "tensorflow" or "jax": the code below does not change.
os.environ["KERAS_BACKEND"] = "torch"

import keras
from keras import ops

prices = ops.convert_to_tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
library = type(prices).__module__.split(".")[0]
print("backend", keras.config.backend(), "holds a", library, "tensor")
print("shape", tuple(prices.shape), "dtype", prices.dtype)

discount = ops.convert_to_tensor([1.0, 0.5, 0.0])
broadcast = prices * discount  # (2, 3) * (3,) -> (2, 3)
print("broadcast:", ops.convert_to_numpy(broadcast).tolist())
print("sum of each row:", ops.convert_to_numpy(ops.sum(prices, axis=1)).tolist())
product = ops.matmul(prices, ops.transpose(prices))
print("matrix product:", ops.convert_to_numpy(product).tolist())
