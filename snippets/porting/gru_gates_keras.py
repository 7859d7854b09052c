"""A GRU's gates: PyTorch orders them reset, update, new; Keras update, reset, new.

Keras's default reset_after=True is PyTorch's formula (the reset gate multiplies the
recurrent product after the matrix product), and Keras keeps both biases, as a (2, 3 *
units) array. The weights load in either gate order; only the reordered ones compute
PyTorch's GRU.
"""

import os

os.environ["KERAS_BACKEND"] = "torch"

import keras
import numpy as np
import torch

TOLERANCE = 1e-5
torch.manual_seed(0)
gru = torch.nn.GRU(5, 4, batch_first=True)
x = np.random.default_rng(0).normal(size=(2, 6, 5)).astype(np.float32)
expected = gru(torch.from_numpy(x))[0].detach().numpy()
weights = {name: value.detach().numpy() for name, value in gru.named_parameters()}


def update_reset_new(blocks: np.ndarray) -> np.ndarray:
    reset, update, new = np.split(blocks, 3, axis=0)
    return np.concatenate([update, reset, new], axis=0)


def gap(order) -> float:
    keras_gru = keras.layers.GRU(4, return_sequences=True)
    keras_gru.build(x.shape)
    w_ih, w_hh = order(weights["weight_ih_l0"]), order(weights["weight_hh_l0"])
    biases = np.stack([order(weights["bias_ih_l0"]), order(weights["bias_hh_l0"])])
    keras_gru.set_weights([w_ih.T, w_hh.T, biases])
    return float(np.abs(keras.ops.convert_to_numpy(keras_gru(x)) - expected).max())


print(f"PyTorch's gate order: largest difference {gap(lambda blocks: blocks):.1e}")
print(f"aligned (gates reordered to update, reset, new): largest difference "
      f"{gap(update_reset_new):.1e} (tolerance {TOLERANCE:.0e})")
