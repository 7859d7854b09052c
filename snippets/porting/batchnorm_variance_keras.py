"""BatchNorm's running variance: PyTorch stores the unbiased estimate, Keras the biased.

Both normalize a training batch by its biased variance (divided by n), but PyTorch
updates running_var with the unbiased one (divided by n - 1). With the momenta aligned,
the running variances still differ by the factor n / (n - 1); scaling PyTorch's update
by (n - 1) / n when comparing, or copying statistics across, removes it.
"""

import os

os.environ["KERAS_BACKEND"] = "torch"

import keras
import numpy as np
import torch

TOLERANCE = 1e-6
n = 8  # a small batch makes n / (n - 1) large
batch = np.random.default_rng(0).normal(0.0, 2.0, (n, 4)).astype(np.float32)

torch_norm = torch.nn.BatchNorm1d(4, momentum=1.0)  # running_var = the batch's variance
torch_norm.train()(torch.from_numpy(batch))
keras_norm = keras.layers.BatchNormalization(momentum=0.0)  # the same, in Keras's terms
keras_norm(batch, training=True)
torch_var = torch_norm.running_var.numpy()
keras_var = keras.ops.convert_to_numpy(keras_norm.moving_variance)

print(f"as stored (momenta aligned): largest difference "
      f"{np.abs(torch_var - keras_var).max():.1e}")
rescaled = torch_var * (n - 1) / n
print(f"aligned (PyTorch's times (n - 1) / n): largest difference "
      f"{np.abs(rescaled - keras_var).max():.1e} (tolerance {TOLERANCE:.0e})")
