"""Tensor operations in Keras 3: keras.ops is one NumPy-like API that runs on every backend."""

import os

os.environ["KERAS_BACKEND"] = "torch"  # try "tensorflow" or "jax": the code below does not change

import keras
from keras import ops

prices = ops.convert_to_tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
print("backend", keras.config.backend(), "holds a", type(prices).__module__.split(".")[0], "tensor")
print("shape", tuple(prices.shape), "dtype", prices.dtype)

discount = ops.convert_to_tensor([1.0, 0.5, 0.0])
print("broadcast:", ops.convert_to_numpy(prices * discount).tolist())  # (2, 3) * (3,) -> (2, 3)
print("sum of each row:", ops.convert_to_numpy(ops.sum(prices, axis=1)).tolist())
print("matrix product:", ops.convert_to_numpy(ops.matmul(prices, ops.transpose(prices))).tolist())
