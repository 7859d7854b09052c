"""KL divergence: PyTorch's default 'mean' divides by every element, not by the batch.

nn.KLDivLoss takes the prediction as log-probabilities and, with reduction='mean',
averages over batch and classes alike, which is not the KL divergence; 'batchmean'
sums over the classes and averages over the batch, as Keras's KLDivergence (which
takes probabilities) does.
"""

import os

os.environ["KERAS_BACKEND"] = "torch"

import keras
import numpy as np
import torch

TOLERANCE = 1e-6
rng = np.random.default_rng(0)
predicted = torch.softmax(torch.from_numpy(rng.normal(size=(8, 10))), dim=1).float()
target = torch.softmax(torch.from_numpy(rng.normal(size=(8, 10))), dim=1).float()
expected = float(keras.losses.KLDivergence()(target.numpy(), predicted.numpy()))


def gap(reduction: str) -> float:
    loss = torch.nn.KLDivLoss(reduction=reduction)(predicted.log(), target)
    return abs(float(loss) - expected)


print(f"with the default reduction='mean': largest difference {gap('mean'):.1e}")
print(f"aligned (reduction='batchmean'): largest difference "
      f"{gap('batchmean'):.1e} (tolerance {TOLERANCE:.0e})")
