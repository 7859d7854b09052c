"""A frozen BatchNorm: Keras's trainable=False also means inference mode; PyTorch's
requires_grad=False does not.

Fine-tuning with a frozen backbone: in Keras, a BatchNormalization layer with
trainable = False normalizes with its moving statistics even when called in training.
In PyTorch, turning off the gradients leaves the layer in training mode: it normalizes
with the batch's statistics and keeps updating its running ones until .eval() is called.
"""

import os

os.environ["KERAS_BACKEND"] = "torch"

import keras
import numpy as np
import torch

TOLERANCE = 1e-5
batch = np.random.default_rng(0).normal(3.0, 2.0, (16, 4)).astype(np.float32)

keras_norm = keras.layers.BatchNormalization(epsilon=1e-5)
keras_norm.trainable = False  # frozen: moving statistics (here 0 and 1) are used
expected = keras.ops.convert_to_numpy(keras_norm(batch, training=True))

torch_norm = torch.nn.BatchNorm1d(4)
torch_norm.requires_grad_(False)  # frozen weights, but still in training mode
frozen = torch_norm.train()(torch.from_numpy(batch)).numpy()
evaluated = torch_norm.eval()
evaluated.running_mean.zero_()  # undo the update the training-mode call made
evaluated.running_var.fill_(1.0)
aligned = evaluated(torch.from_numpy(batch)).numpy()

print(f"with requires_grad_(False) only: largest difference "
      f"{np.abs(frozen - expected).max():.1e}")
print(f"aligned (.eval() as well): largest difference "
      f"{np.abs(aligned - expected).max():.1e} (tolerance {TOLERANCE:.0e})")
