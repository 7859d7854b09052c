"""Data loading and batching in TensorFlow: a tf.data pipeline shuffles, batches and
prefetches."""

import numpy as np
import tensorflow as tf

features = np.arange(100 * 3, dtype=np.float32).reshape(100, 3)
labels = np.arange(100) % 2
dataset = (
    tf.data.Dataset.from_tensor_slices((features, labels))
    .shuffle(buffer_size=100, seed=0)
    .batch(32)
    # Prepares the next batch while the model works on this one.
    .prefetch(tf.data.AUTOTUNE)
)

print("batches per epoch:", int(dataset.cardinality()))
for batch_features, batch_labels in dataset:
    print("features", tuple(batch_features.shape), "labels", tuple(batch_labels.shape))
