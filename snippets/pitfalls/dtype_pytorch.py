"""Pitfall: NumPy makes float64 arrays, PyTorch layers hold float32 weights."""

import numpy as np
import torch

features = np.random.default_rng(0).normal(size=(4, 3))  # float64, NumPy's default
layer = torch.nn.Linear(3, 1)
try:
    layer(torch.from_numpy(features))
except RuntimeError as error:
    print(f"{features.dtype} into a {layer.weight.dtype} layer: RuntimeError: {error}")

print("fixed with .float():", tuple(layer(torch.from_numpy(features).float()).shape))
