"""Tensor operations in TensorFlow: create, broadcast, reduce, multiply, and convert to
NumPy."""

import numpy as np
import tensorflow as tf

prices = tf.constant([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
print("shape", tuple(prices.shape), "dtype", prices.dtype.name)

discount = tf.constant([1.0, 0.5, 0.0])
print("broadcast:", (prices * discount).numpy().tolist())  # (2, 3) * (3,) -> (2, 3)
print("sum of each row:", tf.reduce_sum(prices, axis=1).numpy().tolist())
print("matrix product:", tf.matmul(prices, prices, transpose_b=True).numpy().tolist())

# tf.constant copies the array: TensorFlow tensors are immutable, so a later change does
# not show.
array = np.zeros(3, dtype=np.float32)
copied = tf.constant(array)
array[0] = 7.0
print("copied from NumPy:", copied.numpy().tolist())
