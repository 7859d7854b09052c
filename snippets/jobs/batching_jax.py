"""Data loading and batching in JAX: JAX has no loader of its own; a shuffled index
array and slices do it."""

import jax
import jax.numpy as jnp

features = jnp.arange(100 * 3, dtype=jnp.float32).reshape(100, 3)
labels = jnp.arange(100) % 2


def batches(key, batch_size=32):
    """Yield shuffled batches; the key makes the order reproducible, a new key gives a
    new order."""
    order = jax.random.permutation(key, len(features))
    for start in range(0, len(features), batch_size):
        rows = order[start:start + batch_size]
        yield features[rows], labels[rows]


key = jax.random.key(0)
print("batches per epoch:", -(-len(features) // 32))
for batch_features, batch_labels in batches(key):
    print("features", batch_features.shape, "labels", batch_labels.shape)
