"""PyTorch -> torch.export: capture the model as an ExportedProgram, save it, load it,
compare."""

import numpy as np
import torch
from sklearn.datasets import load_digits

TOLERANCE = 1e-6

torch.manual_seed(0)
model = torch.nn.Sequential(
    torch.nn.Linear(64, 32), torch.nn.ReLU(), torch.nn.Linear(32, 10)
).eval()

batch = torch.export.Dim("batch")
program = torch.export.export(
    model, (torch.zeros(2, 64),), dynamic_shapes=({0: batch},)
)
torch.export.save(program, "digits_mlp.pt2")

# No Python class needed to load it.
loaded = torch.export.load("digits_mlp.pt2").module()
nodes = program.graph.nodes
operators = {str(node.target) for node in nodes if node.op == "call_function"}
print("graph operators:", sorted(operators))
user_inputs = program.graph_signature.user_inputs
user_input = next(node for node in nodes if node.name in user_inputs)
print("input shape:", list(user_input.meta["val"].shape),
      "(the batch size is a symbol)")

pixels = torch.from_numpy((load_digits().data / 16.0).astype(np.float32))
for batch_size in (1, 7, 64):
    x = pixels[:batch_size]
    with torch.no_grad():
        difference = (loaded(x) - model(x)).abs().max().item()
    print(f"batch {batch_size:2d}: "
          f"max |loaded program - eager model| = {difference:.1e}")
    if difference > TOLERANCE:
        raise SystemExit(
            f"the loaded program differs by {difference:.1e} > {TOLERANCE:.0e}"
        )
print(f"all batch sizes agree within {TOLERANCE:.0e}")
