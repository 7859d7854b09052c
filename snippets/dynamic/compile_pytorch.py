"""torch.compile: the same eager code, traced and compiled into fused kernels on first
call."""

import torch

torch.manual_seed(0)
model = torch.nn.Sequential(
    torch.nn.Linear(64, 64), torch.nn.GELU(), torch.nn.Linear(64, 10)
)
# Default backend: TorchInductor (C++/OpenMP on CPU, Triton on GPU).
compiled = torch.compile(model)

x = torch.randn(32, 64)
with torch.no_grad():
    difference = (compiled(x) - model(x)).abs().max().item()  # the first call compiles
print("compiled module type:", type(compiled).__name__)
print(f"max |compiled - eager| = {difference:.1e}")
print("the compiled model still returns", type(compiled(x)).__name__)
