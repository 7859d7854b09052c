"""A dense layer's initial weights: PyTorch draws uniform within 1/sqrt(fan_in), Keras
uses Glorot uniform.

The same architecture starts training from weights of another size: for a 512 x 512
layer, Keras's are about 1.7 times larger. The two are compared by the standard
deviation of their weights. PyTorch's rule is a variance scaling of 1/3 over fan_in,
which Keras can be given.
"""

import os

os.environ["KERAS_BACKEND"] = "torch"

import keras
import numpy as np
import torch

TOLERANCE = 5e-4
torch.manual_seed(0)
torch_std = torch.nn.Linear(512, 512).weight.detach().numpy().std()


def gap(initializer) -> float:
    dense = keras.layers.Dense(512, kernel_initializer=initializer)
    dense.build((1, 512))
    return float(abs(keras.ops.convert_to_numpy(dense.kernel).std() - torch_std))


print(f"with the defaults: largest difference (of the standard deviations) "
      f"{gap(keras.initializers.GlorotUniform(seed=0)):.1e}")
pytorch_rule = keras.initializers.VarianceScaling(1 / 3, "fan_in", "uniform", seed=0)
print(f"aligned (VarianceScaling(1/3, 'fan_in', 'uniform')): largest difference "
      f"{gap(pytorch_rule):.1e} (tolerance {TOLERANCE:.0e})")
