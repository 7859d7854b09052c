"""Optimization in TensorFlow: an optimizer turns gradients into steps that shrink a
loss."""

import tensorflow as tf

# Find w such that 2w = 6: the loss (2w - 6)² is smallest at w = 3.
w = tf.Variable(0.0)
# TensorFlow's optimizers are Keras's.
optimizer = tf.keras.optimizers.SGD(learning_rate=0.05)
for step in range(1, 31):
    with tf.GradientTape() as tape:
        loss = (2 * w - 6) ** 2
    optimizer.apply_gradients([(tape.gradient(loss, w), w)])
    if step % 10 == 0:
        print(f"step {step}: w = {float(w):.4f}, loss = {float(loss):.2e}")
