"""Optimization in Keras 3: the same optimizer object works on every backend's
gradients."""

import os

os.environ["KERAS_BACKEND"] = "torch"

import keras
import torch

# Find w such that 2w = 6: the loss (2w - 6)² is smallest at w = 3.
w = keras.Variable(0.0)
optimizer = keras.optimizers.SGD(learning_rate=0.05)
for step in range(1, 31):
    loss = (2 * w - 6) ** 2
    # The backend computes the gradient.
    (gradient,) = torch.autograd.grad(loss, w.value)
    optimizer.apply([gradient], [w])  # Keras applies the step
    if step % 10 == 0:
        print(f"step {step}: w = {float(w):.4f}, loss = {float(loss):.2e}")
