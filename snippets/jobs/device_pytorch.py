"""Hardware acceleration in PyTorch: pick a GPU when there is one, and say where the
work ran."""

import torch

if torch.cuda.is_available():
    device = torch.device("cuda")
elif torch.backends.mps.is_available():  # Apple silicon
    device = torch.device("mps")
else:
    device = torch.device("cpu")
print("CUDA GPU available:", torch.cuda.is_available())

# Tensors are created on the chosen device; PyTorch never moves them for you.
weights = torch.ones(256, 256, device=device)
product = weights @ weights
print("computed on", product.device, "- first value", product[0, 0].item())
