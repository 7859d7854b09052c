"""SGD with momentum: the same steps while the learning rate is constant, not after
it changes.

PyTorch keeps a velocity of gradients and multiplies it by the current learning rate
(v = m * v + g; w -= lr * v). Keras keeps a velocity of steps, each already multiplied
by the learning rate of its own time (v = m * v - lr * g; w += v). When a schedule
lowers the learning rate, PyTorch applies the new rate to the whole velocity at once.
"""

import os

os.environ["KERAS_BACKEND"] = "torch"

import keras
import numpy as np
import torch

TOLERANCE = 1e-6
rng = np.random.default_rng(0)
start = rng.normal(size=(4, 3)).astype(np.float32)
gradients = rng.normal(size=(4, 4, 3)).astype(np.float32)


def gap(rates: list[float]) -> float:
    """Four steps, the learning rate of each step given."""
    w = torch.nn.Parameter(torch.from_numpy(start.copy()))
    torch_sgd = torch.optim.SGD([w], lr=rates[0], momentum=0.9)
    v = keras.Variable(start)
    keras_sgd = keras.optimizers.SGD(rates[0], momentum=0.9)
    for rate, gradient in zip(rates, gradients):
        torch_sgd.param_groups[0]["lr"] = rate
        keras_sgd.learning_rate = rate
        w.grad = torch.from_numpy(gradient)
        torch_sgd.step()
        keras_sgd.apply([keras.ops.convert_to_tensor(gradient)], [v])
    return float(np.abs(w.detach().numpy() - keras.ops.convert_to_numpy(v)).max())


print(f"with the rate divided by 10 after two steps: largest difference "
      f"{gap([0.1, 0.1, 0.01, 0.01]):.1e}")
print(f"aligned (a constant rate): largest difference "
      f"{gap([0.1] * 4):.1e} (tolerance {TOLERANCE:.0e})")
