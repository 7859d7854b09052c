"""Adam's epsilon: 1e-8 in PyTorch, 1e-7 in Keras, and added at another place.

PyTorch adds epsilon to the square root of the bias-corrected second moment; Keras adds
it before the bias correction (the paper's "epsilon hat"), which at step t weighs it
by 1 / sqrt(1 - beta_2 ** t): about 32 times more at the first step. Where gradients
are small, as late in training, the updates differ. An epsilon small enough to be
negligible next to the gradients (1e-15 here) makes the two agree.
"""

import os

os.environ["KERAS_BACKEND"] = "torch"

import keras
import numpy as np
import torch

TOLERANCE = 1e-6
rng = np.random.default_rng(0)
start = rng.normal(size=(4, 3)).astype(np.float32)
gradients = rng.normal(0.0, 1e-6, (3, 4, 3)).astype(np.float32)  # tiny gradients


def after_three_steps(torch_eps: float, keras_eps: float) -> float:
    w = torch.nn.Parameter(torch.from_numpy(start.copy()))
    torch_adam = torch.optim.Adam([w], lr=0.01, eps=torch_eps)
    v = keras.Variable(start)
    keras_adam = keras.optimizers.Adam(0.01, epsilon=keras_eps)
    for gradient in gradients:
        w.grad = torch.from_numpy(gradient)
        torch_adam.step()
        keras_adam.apply([keras.ops.convert_to_tensor(gradient)], [v])
    return float(np.abs(w.detach().numpy() - keras.ops.convert_to_numpy(v)).max())


print(f"with the defaults (1e-8 and 1e-7): largest difference "
      f"{after_three_steps(1e-8, 1e-7):.1e}")
print(f"aligned (epsilon 1e-15 in both): largest difference "
      f"{after_three_steps(1e-15, 1e-15):.1e} (tolerance {TOLERANCE:.0e})")
