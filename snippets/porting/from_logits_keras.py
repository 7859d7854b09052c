"""Cross-entropy: PyTorch's takes logits; Keras's expects probabilities unless told.

A model that ends without a softmax outputs logits. PyTorch's CrossEntropyLoss applies
log-softmax itself; Keras's SparseCategoricalCrossentropy() treats its input as
probabilities (it divides them by their sum and clips them to [1e-7, 1 - 1e-7]
before the log) and returns another loss without a warning. from_logits=True makes
it PyTorch's.
"""

import os

os.environ["KERAS_BACKEND"] = "torch"

import keras
import numpy as np
import torch

TOLERANCE = 1e-6
rng = np.random.default_rng(0)
logits = rng.normal(size=(8, 10)).astype(np.float32)
labels = rng.integers(0, 10, 8)
loss = torch.nn.CrossEntropyLoss()  # takes logits
expected = loss(torch.from_numpy(logits), torch.from_numpy(labels))


def gap(**options) -> float:
    loss = keras.losses.SparseCategoricalCrossentropy(**options)(labels, logits)
    return abs(float(loss) - float(expected))


print(f"with the defaults: largest difference {gap():.1e}")
print(f"aligned (from_logits=True): largest difference "
      f"{gap(from_logits=True):.1e} (tolerance {TOLERANCE:.0e})")
