"""Hello, TensorFlow: a tensor, a matrix product, and the device it ran on."""

import tensorflow as tf

a = tf.constant([[1.0, 2.0], [3.0, 4.0]])
product = a @ tf.transpose(a)  # placed on a GPU automatically when one is visible
print("tensorflow", tf.__version__, "on", product.device.split("/")[-1])
print(product)
print("sum:", float(tf.reduce_sum(product)))
