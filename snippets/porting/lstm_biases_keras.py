"""An LSTM's biases: PyTorch has two (bias_ih and bias_hh), Keras one.

The gates are in the same order in both (input, forget, cell, output), and the kernels
are PyTorch's weights transposed. PyTorch adds both bias vectors at every step, so the
Keras bias is their sum; copying bias_ih alone loads without error and drifts.
"""

import os

os.environ["KERAS_BACKEND"] = "torch"

import keras
import numpy as np
import torch

TOLERANCE = 1e-5
torch.manual_seed(0)
lstm = torch.nn.LSTM(5, 4, batch_first=True)
x = np.random.default_rng(0).normal(size=(2, 6, 5)).astype(np.float32)
expected = lstm(torch.from_numpy(x))[0].detach().numpy()
weights = {name: value.detach().numpy() for name, value in lstm.named_parameters()}


def gap(bias: np.ndarray) -> float:
    keras_lstm = keras.layers.LSTM(4, return_sequences=True)
    keras_lstm.build(x.shape)
    keras_lstm.set_weights([weights["weight_ih_l0"].T, weights["weight_hh_l0"].T, bias])
    return float(np.abs(keras.ops.convert_to_numpy(keras_lstm(x)) - expected).max())


print(f"bias_ih alone: largest difference {gap(weights['bias_ih_l0']):.1e}")
summed = weights["bias_ih_l0"] + weights["bias_hh_l0"]
print(f"aligned (bias = bias_ih + bias_hh): largest difference "
      f"{gap(summed):.1e} (tolerance {TOLERANCE:.0e})")
