"""GELU: exact in PyTorch, the tanh approximation in keras.ops.gelu and JAX.

PyTorch's nn.GELU() computes x * Phi(x) with the error function; keras.ops.gelu and
jax.nn.gelu default to approximate=True, the tanh formula (keras.activations.gelu, the
"gelu" a layer is given by name, is exact). The two differ by up to about 5e-4.
"""

import os

os.environ["KERAS_BACKEND"] = "torch"

import keras
import numpy as np
import torch

TOLERANCE = 1e-6
x = np.linspace(-4, 4, 801, dtype=np.float32)
expected = torch.nn.GELU()(torch.from_numpy(x)).numpy()  # approximate='none'


def gap(**options) -> float:
    out = keras.ops.convert_to_numpy(keras.ops.gelu(x, **options))
    return float(np.abs(out - expected).max())


print(f"with the defaults: largest difference {gap():.1e}")
print(f"aligned (approximate=False): largest difference "
      f"{gap(approximate=False):.1e} (tolerance {TOLERANCE:.0e})")
