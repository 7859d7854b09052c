"""Average pooling over padding: PyTorch counts the zeros, Keras does not.

At the border, a 3x3 window with one pixel of padding covers fewer real pixels.
PyTorch's default, count_include_pad=True, divides by 9 anyway; Keras's
padding='same' divides by the pixels really there.
"""

import os

os.environ["KERAS_BACKEND"] = "torch"

import keras
import numpy as np
import torch

TOLERANCE = 1e-6
images = np.random.default_rng(0).normal(1.0, 1.0, (2, 3, 6, 6)).astype(np.float32)
pool = keras.layers.AveragePooling2D(3, strides=1, padding="same")
expected = keras.ops.convert_to_numpy(pool(images.transpose(0, 2, 3, 1)))


def gap(**options) -> float:
    torch_pool = torch.nn.AvgPool2d(3, stride=1, padding=1, **options)
    out = torch_pool(torch.from_numpy(images)).numpy().transpose(0, 2, 3, 1)
    return float(np.abs(out - expected).max())


print(f"with the defaults: largest difference {gap():.1e}")
print(f"aligned (count_include_pad=False): largest difference "
      f"{gap(count_include_pad=False):.1e} (tolerance {TOLERANCE:.0e})")
