"""Nearest-neighbour resizing: PyTorch's 'nearest' picks other pixels than Keras's.

Going from 4 to 6 pixels, each output pixel takes the nearest input pixel, but
"nearest" depends on where pixel centres are. PyTorch's mode='nearest' maps output i
to input floor(i * 4 / 6); Keras (and TensorFlow) measure from the pixel centres, which
PyTorch calls mode='nearest-exact'.
"""

import os

os.environ["KERAS_BACKEND"] = "torch"

import keras
import numpy as np
import torch
import torch.nn.functional as F

TOLERANCE = 0.0
images = np.random.default_rng(0).normal(size=(1, 1, 4, 4)).astype(np.float32)
resized = keras.ops.image.resize(images.transpose(0, 2, 3, 1), (6, 6),
                                 interpolation="nearest")
expected = keras.ops.convert_to_numpy(resized).transpose(0, 3, 1, 2)


def gap(mode: str) -> float:
    out = F.interpolate(torch.from_numpy(images), size=(6, 6), mode=mode).numpy()
    return float(np.abs(out - expected).max())


print(f"with mode='nearest': largest difference {gap('nearest'):.1e}")
print(f"aligned (mode='nearest-exact'): largest difference "
      f"{gap('nearest-exact'):.1e} (tolerance {TOLERANCE:.0e})")
