"""Tensor operations in PyTorch: create, broadcast, reduce, multiply, and share memory
with NumPy."""

import numpy as np
import torch

prices = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
print("shape", tuple(prices.shape), "dtype", prices.dtype)

discount = torch.tensor([1.0, 0.5, 0.0])
print("broadcast:", (prices * discount).tolist())  # (2, 3) * (3,) -> (2, 3)
print("sum of each row:", prices.sum(dim=1).tolist())
print("matrix product:", (prices @ prices.T).tolist())

# torch.from_numpy shares memory: a change on one side shows on the other.
array = np.zeros(3, dtype=np.float32)
shared = torch.from_numpy(array)
array[0] = 7.0
print("shared with NumPy:", shared.tolist())
