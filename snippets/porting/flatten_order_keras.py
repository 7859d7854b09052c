"""Flatten after a convolution: PyTorch flattens (C, H, W), Keras (H, W, C).

Convolution weights can be transposed into Keras's layout and give the same feature
maps, yet the dense layer after Flatten then reads its inputs in another order. Either
reorder the dense layer's inputs, or put the channels first before flattening, as here.
"""

import os

os.environ["KERAS_BACKEND"] = "torch"

import keras
import numpy as np
import torch

TOLERANCE = 1e-5
torch.manual_seed(0)
conv, dense = torch.nn.Conv2d(1, 2, 3), torch.nn.Linear(2 * 4 * 4, 3)
images = np.random.default_rng(0).normal(size=(5, 1, 6, 6)).astype(np.float32)
expected = dense(torch.flatten(conv(torch.from_numpy(images)), 1)).detach().numpy()


def gap(channels_first: bool) -> float:
    layers = [keras.Input((6, 6, 1)), keras.layers.Conv2D(2, 3)]
    if channels_first:
        layers.append(keras.layers.Permute((3, 1, 2)))  # (H, W, C) -> (C, H, W)
    model = keras.Sequential([*layers, keras.layers.Flatten(), keras.layers.Dense(3)])
    model.set_weights([conv.weight.detach().numpy().transpose(2, 3, 1, 0),
                       conv.bias.detach().numpy(),
                       dense.weight.detach().numpy().T, dense.bias.detach().numpy()])
    out = model(images.transpose(0, 2, 3, 1))  # Keras takes channels last
    return float(np.abs(keras.ops.convert_to_numpy(out) - expected).max())


print(f"Flatten on channels last: largest difference {gap(False):.1e}")
print(f"aligned (Permute((3, 1, 2)) before Flatten): largest difference "
      f"{gap(True):.1e} (tolerance {TOLERANCE:.0e})")
