"""Automatic differentiation in PyTorch: a gradient checked against the one worked out
by hand."""

import torch

# f(x) = x³ + 2x, so df/dx = 3x² + 2.
x = torch.tensor([-1.0, 0.0, 0.5, 2.0], requires_grad=True)
f = (x**3 + 2 * x).sum()  # summing gives one gradient per element
f.backward()

analytic = 3 * x.detach() ** 2 + 2
print("autograd:", x.grad.tolist())
print("by hand: ", analytic.tolist())
print("max difference:", (x.grad - analytic).abs().max().item())
