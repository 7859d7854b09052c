"""Optimization in PyTorch: an optimizer turns gradients into steps that shrink a
loss."""

import torch

# Find w such that 2w = 6: the loss (2w - 6)² is smallest at w = 3.
w = torch.tensor(0.0, requires_grad=True)
optimizer = torch.optim.SGD([w], lr=0.05)
for step in range(1, 31):
    optimizer.zero_grad()  # gradients add up until cleared
    loss = (2 * w - 6) ** 2
    loss.backward()
    optimizer.step()
    if step % 10 == 0:
        print(f"step {step}: w = {w.item():.4f}, loss = {loss.item():.2e}")
