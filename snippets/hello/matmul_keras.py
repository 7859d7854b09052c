"""Hello, Keras 3: the same product with keras.ops, which runs on whichever backend is
selected."""

import os

# Or "torch" or "jax"; set before importing keras.
os.environ["KERAS_BACKEND"] = "tensorflow"

import keras
from keras import ops

a = ops.convert_to_tensor([[1.0, 2.0], [3.0, 4.0]])
product = ops.matmul(a, ops.transpose(a))
print("keras", keras.__version__, "on the", keras.backend.backend(), "backend")
print(ops.convert_to_numpy(product))
print("sum:", float(ops.sum(product)))
