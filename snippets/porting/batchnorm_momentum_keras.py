"""BatchNorm's momentum: PyTorch weighs the new batch by it, Keras the running value.

PyTorch's momentum=0.1 moves the running mean 10% of the way to each training batch's
mean; Keras's momentum=0.99 keeps 99% of the running mean. Copying the number across
keeps the name and inverts the meaning: Keras momentum = 1 - PyTorch momentum.
"""

import os

os.environ["KERAS_BACKEND"] = "torch"  # Keras and PyTorch side by side in one process

import keras
import numpy as np
import torch

TOLERANCE = 1e-6
batch = np.random.default_rng(0).normal(2.0, 1.0, (32, 4)).astype(np.float32)


def running_mean_gap(**keras_options) -> float:
    """Largest difference of the running means after one training batch."""
    torch_norm = torch.nn.BatchNorm1d(4)  # momentum=0.1
    torch_norm.train()(torch.from_numpy(batch))
    keras_norm = keras.layers.BatchNormalization(**keras_options)
    keras_norm(batch, training=True)
    keras_mean = keras.ops.convert_to_numpy(keras_norm.moving_mean)
    return float(np.abs(torch_norm.running_mean.numpy() - keras_mean).max())


print(f"with the defaults (0.1 and 0.99): largest difference {running_mean_gap():.1e}")
print(f"aligned (Keras momentum=0.9): largest difference "
      f"{running_mean_gap(momentum=0.9):.1e} (tolerance {TOLERANCE:.0e})")
