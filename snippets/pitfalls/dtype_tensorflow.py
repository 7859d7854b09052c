"""Pitfall: TensorFlow never mixes dtypes in one operation; it does not promote float32
to float64."""

import numpy as np
import tensorflow as tf

# float64, from NumPy
features = tf.constant(np.random.default_rng(0).normal(size=(4, 3)))
weights = tf.Variable(tf.ones((3, 1)))  # float32, TensorFlow's default
try:
    tf.matmul(features, weights)
except tf.errors.InvalidArgumentError as error:
    print(f"{features.dtype.name} @ {weights.dtype.name}: "
          f"InvalidArgumentError: {error.message}")

fixed = tf.matmul(tf.cast(features, tf.float32), weights)
print("fixed with tf.cast:", tuple(fixed.shape))
