"""A dense layer's weights: PyTorch stores (out, in), Keras (in, out).

A square layer shows the trap: PyTorch's weight has the shape Keras expects, so
set_weights accepts it without a word and the layer computes something else. The
kernel is the transpose of the weight.
"""

import os

os.environ["KERAS_BACKEND"] = "torch"

import keras
import numpy as np
import torch

TOLERANCE = 1e-5
torch.manual_seed(0)
linear = torch.nn.Linear(8, 8)  # computes x @ weight.T + bias
x = np.random.default_rng(0).normal(size=(4, 8)).astype(np.float32)
expected = linear(torch.from_numpy(x)).detach().numpy()
weight, bias = linear.weight.detach().numpy(), linear.bias.detach().numpy()


def gap(kernel: np.ndarray) -> float:
    dense = keras.layers.Dense(8)
    dense.build(x.shape)
    dense.set_weights([kernel, bias])  # (8, 8) either way: no error
    return float(np.abs(keras.ops.convert_to_numpy(dense(x)) - expected).max())


print(f"weight copied as it is: largest difference {gap(weight):.1e}")
print(f"aligned (kernel = weight.T): largest difference "
      f"{gap(weight.T):.1e} (tolerance {TOLERANCE:.0e})")
