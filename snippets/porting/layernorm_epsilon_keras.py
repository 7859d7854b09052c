"""LayerNorm's epsilon: 1e-5 in PyTorch, 1e-3 in Keras, 1e-6 in Flax.

Features of small spread, such as embeddings early in training, make the difference
visible; the same epsilon removes it.
"""

import os

os.environ["KERAS_BACKEND"] = "torch"

import keras
import numpy as np
import torch

TOLERANCE = 1e-5
x = np.random.default_rng(0).normal(0.0, 0.05, (4, 16)).astype(np.float32)
expected = torch.nn.LayerNorm(16)(torch.from_numpy(x)).detach().numpy()  # eps=1e-5


def gap(**options) -> float:
    out = keras.layers.LayerNormalization(**options)(x)
    return float(np.abs(keras.ops.convert_to_numpy(out) - expected).max())


print(f"with the defaults (1e-5 and 1e-3): largest difference {gap():.1e}")
print(f"aligned (Keras epsilon=1e-5): largest difference "
      f"{gap(epsilon=1e-5):.1e} (tolerance {TOLERANCE:.0e})")
