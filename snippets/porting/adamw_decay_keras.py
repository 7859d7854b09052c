"""AdamW's weight decay: 0.01 in PyTorch, 0.004 in Keras (and 1e-4 in optax).

Both apply the decoupled decay the same way, w -= lr * decay * w, so with the same
decay the steps agree; with each framework's default they drift apart at every step.
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


def gap(keras_optimizer) -> float:
    w = torch.nn.Parameter(torch.from_numpy(start.copy()))
    torch_adamw = torch.optim.AdamW([w], lr=0.01)  # weight_decay=0.01
    v = keras.Variable(start)
    for gradient in gradients:
        w.grad = torch.from_numpy(gradient)
        torch_adamw.step()
        keras_optimizer.apply([keras.ops.convert_to_tensor(gradient)], [v])
    return float(np.abs(w.detach().numpy() - keras.ops.convert_to_numpy(v)).max())


print(f"with the defaults (0.01 and 0.004): largest difference "
      f"{gap(keras.optimizers.AdamW(0.01, epsilon=1e-8)):.1e}")
aligned = gap(keras.optimizers.AdamW(0.01, weight_decay=0.01, epsilon=1e-8))
print(f"aligned (Keras weight_decay=0.01): largest difference "
      f"{aligned:.1e} (tolerance {TOLERANCE:.0e})")
