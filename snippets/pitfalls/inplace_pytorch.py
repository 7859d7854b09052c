"""Pitfall: changing in place a tensor that autograd saved for the backward pass."""

import torch

x = torch.tensor([0.5, 1.0, 2.0], requires_grad=True)
# sigmoid's gradient is computed from its output, so autograd keeps y.
y = torch.sigmoid(x)
y.mul_(2)  # in place: y is now "at version 1"
try:
    y.sum().backward()
except RuntimeError as error:
    print("RuntimeError:", str(error).split(". Hint")[0])

# The fix: an out-of-place operation leaves the saved tensor untouched.
y = torch.sigmoid(x) * 2
y.sum().backward()
print("out of place, the gradient is", [round(g, 4) for g in x.grad.tolist()])
