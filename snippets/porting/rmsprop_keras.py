"""RMSprop: other defaults (learning rate, decay, epsilon), and epsilon in another
place.

PyTorch: lr=0.01, alpha=0.99, eps=1e-8 added after the square root. Keras: 0.001,
rho=0.9, epsilon=1e-7 added under the square root. Aligning the learning rate and the
decay, and making epsilon negligible, gives the same steps.
"""

import os

os.environ["KERAS_BACKEND"] = "torch"

import keras
import numpy as np
import torch

TOLERANCE = 1e-6
rng = np.random.default_rng(0)
start = rng.normal(size=(4, 3)).astype(np.float32)
gradients = rng.normal(size=(3, 4, 3)).astype(np.float32)


def gap(torch_options: dict, keras_optimizer) -> float:
    w = torch.nn.Parameter(torch.from_numpy(start.copy()))
    torch_rmsprop = torch.optim.RMSprop([w], **torch_options)
    v = keras.Variable(start)
    for gradient in gradients:
        w.grad = torch.from_numpy(gradient)
        torch_rmsprop.step()
        keras_optimizer.apply([keras.ops.convert_to_tensor(gradient)], [v])
    return float(np.abs(w.detach().numpy() - keras.ops.convert_to_numpy(v)).max())


defaults = gap({}, keras.optimizers.RMSprop())
print(f"with the defaults: largest difference {defaults:.1e}")
aligned = gap({"lr": 0.001, "alpha": 0.9, "eps": 1e-10},
              keras.optimizers.RMSprop(0.001, rho=0.9, epsilon=1e-10))
print(f"aligned (lr 0.001, decay 0.9, epsilon 1e-10): largest difference "
      f"{aligned:.1e} (tolerance {TOLERANCE:.0e})")
