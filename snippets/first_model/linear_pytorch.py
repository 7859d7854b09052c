"""Your first model in PyTorch: a linear layer (3 inputs -> 1 output) trained with Adam
on MSE."""

import numpy as np
import torch

# Data the model can learn: y = 2*x0 - 3*x1 + 0.5*x2 + 1, plus a little noise.
rng = np.random.default_rng(seed=0)
features = rng.normal(size=(100, 3)).astype(np.float32)
true_weights = np.array([[2.0], [-3.0], [0.5]], dtype=np.float32)
noise = 0.1 * rng.normal(size=(100, 1)).astype(np.float32)
targets = features @ true_weights + 1.0 + noise

# The same starting weights in every framework, drawn once with NumPy.
initial_weights = (
    np.random.default_rng(seed=1).normal(scale=0.1, size=(3, 1)).astype(np.float32)
)

torch.manual_seed(0)
model = torch.nn.Linear(3, 1)
with torch.no_grad():
    model.weight.copy_(torch.from_numpy(initial_weights.T))  # PyTorch stores (out, in)
    model.bias.zero_()

optimizer = torch.optim.Adam(model.parameters(), lr=0.1)
loss_fn = torch.nn.MSELoss()
x, y = torch.from_numpy(features), torch.from_numpy(targets)

for epoch in range(1, 101):
    optimizer.zero_grad()
    loss = loss_fn(model(x), y)
    loss.backward()
    optimizer.step()
    if epoch % 10 == 0:
        print(f"epoch {epoch:3d}  loss {loss.item():.4f}")

# Measure the loss after the last step, not before it.
with torch.no_grad():
    final_loss = loss_fn(model(x), y).item()
print(f"final loss {final_loss:.4f}")
print("learned weights", np.round(model.weight.detach().numpy().ravel(), 2),
      "bias", round(model.bias.item(), 2))
