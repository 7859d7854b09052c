"""Hardware acceleration in TensorFlow: it places work on a GPU by itself when one is
visible."""

import tensorflow as tf

gpus = tf.config.list_physical_devices("GPU")
print("GPUs visible:", len(gpus))
device = "/GPU:0" if gpus else "/CPU:0"

# Placement is automatic; tf.device only makes the choice explicit.
with tf.device(device):
    weights = tf.ones((256, 256))
    product = weights @ weights
print("computed on", product.device, "- first value", float(product[0, 0]))
