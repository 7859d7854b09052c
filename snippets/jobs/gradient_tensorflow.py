"""Automatic differentiation in TensorFlow: a gradient checked against the one worked
out by hand."""

import tensorflow as tf

# f(x) = x³ + 2x, so df/dx = 3x² + 2.
x = tf.Variable([-1.0, 0.0, 0.5, 2.0])
with tf.GradientTape() as tape:  # records the operations to differentiate
    f = tf.reduce_sum(x**3 + 2 * x)
gradient = tape.gradient(f, x)

analytic = 3 * x**2 + 2
print("autograd:", gradient.numpy().tolist())
print("by hand: ", analytic.numpy().tolist())
print("max difference:", float(tf.reduce_max(tf.abs(gradient - analytic))))
