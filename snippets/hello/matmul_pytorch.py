"""Hello, PyTorch: a tensor, a matrix product, and the device it ran on."""

import torch

device = "cuda" if torch.cuda.is_available() else "cpu"
a = torch.tensor([[1.0, 2.0], [3.0, 4.0]], device=device)
product = a @ a.T
print("torch", torch.__version__, "on", product.device)
print(product)
print("sum:", product.sum().item())
