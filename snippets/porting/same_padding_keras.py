"""padding='same' with a stride of 2: Keras pads the extra pixel at the end only.

On an even-sized input, a 3x3 kernel with stride 2 needs one pixel of padding in all.
Keras (and TensorFlow) put it after the image, on the right and at the bottom; PyTorch's
padding=1 puts one pixel on each side. Padding PyTorch's input (0, 1, 0, 1) by hand,
then convolving without padding, gives Keras's result.
"""

import os

os.environ["KERAS_BACKEND"] = "torch"

import keras
import numpy as np
import torch
import torch.nn.functional as F

TOLERANCE = 1e-5
torch.manual_seed(0)
conv = torch.nn.Conv2d(2, 3, 3, stride=2, padding=1)
images = np.random.default_rng(0).normal(size=(2, 2, 8, 8)).astype(np.float32)

keras_conv = keras.layers.Conv2D(3, 3, strides=2, padding="same")
keras_conv.build((2, 8, 8, 2))
keras_conv.set_weights([conv.weight.detach().numpy().transpose(2, 3, 1, 0),
                        conv.bias.detach().numpy()])
expected = keras.ops.convert_to_numpy(keras_conv(images.transpose(0, 2, 3, 1)))
x = torch.from_numpy(images)
symmetric = conv(x).detach().numpy().transpose(0, 2, 3, 1)
padded = F.conv2d(F.pad(x, (0, 1, 0, 1)), conv.weight, conv.bias, stride=2)
padded = padded.detach().numpy().transpose(0, 2, 3, 1)

print(f"PyTorch padding=1: largest difference {np.abs(symmetric - expected).max():.1e}")
print(f"aligned (F.pad(x, (0, 1, 0, 1)), no padding): largest difference "
      f"{np.abs(padded - expected).max():.1e} (tolerance {TOLERANCE:.0e})")
