"""Automatic differentiation in Keras 3: Keras has no gradient function of its own; the
backend's does it.

fit() hides this step. In a custom loop, a Keras variable is differentiated with the
tools of the backend it runs on: here torch.autograd, since the backend is PyTorch.
"""

import os

os.environ["KERAS_BACKEND"] = "torch"

import keras
import torch
from keras import ops

# f(x) = x³ + 2x, so df/dx = 3x² + 2.
x = keras.Variable([-1.0, 0.0, 0.5, 2.0])
f = ops.sum(x**3 + 2 * x)
(gradient,) = torch.autograd.grad(f, x.value)  # x.value is the backend's own tensor

analytic = 3 * ops.square(x) + 2
print("autograd:", ops.convert_to_numpy(gradient).tolist())
print("by hand: ", ops.convert_to_numpy(analytic).tolist())
print("max difference:", float(ops.max(ops.abs(gradient - analytic))))
