"""TensorBoard logging: tf.summary writes event files that `tensorboard --logdir logs`
displays.

Needs `pip install tensorboard`: TensorFlow no longer installs it (since 2.21).
"""

import os
import tempfile

import tensorflow as tf

tf.random.set_seed(0)
w = tf.Variable(0.0)
optimizer = tf.keras.optimizers.SGD(learning_rate=0.05)

with tempfile.TemporaryDirectory() as logs:
    writer = tf.summary.create_file_writer(os.path.join(logs, "train"))
    with writer.as_default():
        for step in range(20):
            with tf.GradientTape() as tape:
                loss = (2 * w - 6) ** 2
            optimizer.apply_gradients([(tape.gradient(loss, w), w)])
            tf.summary.scalar("loss", loss, step=step)
            tf.summary.scalar("w", w, step=step)
    writer.close()

    for folder, _, files in os.walk(logs):
        for name in files:
            path = os.path.join(folder, name)
            print(os.path.relpath(path, logs).split(".out.")[0] + ".out...",
                  f"({os.path.getsize(path)} bytes)")
            # Read the file back: every scalar logged above is in it.
            events = tf.compat.v1.train.summary_iterator(path)
            tags = [value.tag for event in events for value in event.summary.value]
            counts = {tag: tags.count(tag) for tag in sorted(set(tags))}
            print("scalars written:", counts)
