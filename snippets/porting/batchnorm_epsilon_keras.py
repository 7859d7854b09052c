"""BatchNorm's epsilon: 1e-5 in PyTorch, 1e-3 in Keras.

Epsilon is added to the variance before the square root, so it matters most where the
variance is small: a channel whose values barely move. The same statistics and weights
give different outputs until the epsilons match.
"""

import os

os.environ["KERAS_BACKEND"] = "torch"

import keras
import numpy as np
import torch

TOLERANCE = 1e-5
rng = np.random.default_rng(0)
x = rng.normal(0.0, 0.05, (8, 4)).astype(np.float32)  # small variance: epsilon shows
mean, variance = x.mean(axis=0), x.var(axis=0)

torch_norm = torch.nn.BatchNorm1d(4).eval()  # eps=1e-5
torch_norm.running_mean.copy_(torch.from_numpy(mean))
torch_norm.running_var.copy_(torch.from_numpy(variance))
expected = torch_norm(torch.from_numpy(x)).detach().numpy()


def gap(**keras_options) -> float:
    keras_norm = keras.layers.BatchNormalization(**keras_options)
    keras_norm.build(x.shape)
    keras_norm.set_weights([np.ones(4), np.zeros(4), mean, variance])
    out = keras.ops.convert_to_numpy(keras_norm(x, training=False))
    return float(np.abs(out - expected).max())


print(f"with the defaults (1e-5 and 1e-3): largest difference {gap():.1e}")
print(f"aligned (Keras epsilon=1e-5): largest difference "
      f"{gap(epsilon=1e-5):.1e} (tolerance {TOLERANCE:.0e})")
