"""TPUs in PyTorch go through the separate torch-xla package; this code falls back when
it is absent."""

import importlib.util

import torch

if importlib.util.find_spec("torch_xla") is not None:
    # The PyTorch/XLA package: an XLA device appears next to cpu and cuda.
    import torch_xla

    device = torch_xla.device()
    print("running on an XLA device:", device)
else:
    device = torch.device("cpu")
    print("torch_xla is not installed here, so there is no TPU: running on", device)

x = torch.ones(2, 2, device=device)
print("result", (x @ x).sum().item(), "on", (x @ x).device)
