"""PyTorch -> ONNX: export with a dynamic batch dimension, check the file, run it,
compare. It also writes 64 images with PyTorch's logits for them (digits_test.json),
for the JavaScript file that runs the same ONNX file in Node.js
(classify_digits_node.mjs)."""

import json

import numpy as np
import onnx
import onnxruntime as ort
import torch
from sklearn.datasets import load_digits

TOLERANCE = 1e-5

torch.manual_seed(0)
model = torch.nn.Sequential(
    torch.nn.Linear(64, 32), torch.nn.ReLU(), torch.nn.Linear(32, 10)
).eval()

# The current exporter traces the model with torch.export. `dynamic_shapes` marks
# dimension 0 of the first argument as symbolic; the legacy TorchScript exporter spelled
# this dynamic_axes={"pixels": {0: "batch"}}.
batch = torch.export.Dim("batch")
example = torch.zeros(2, 64)
program = torch.onnx.export(
    model, (example,), input_names=["pixels"], output_names=["logits"],
    dynamic_shapes=({0: batch},), verbose=False,
)
program.save("digits_mlp.onnx")

onnx_model = onnx.load("digits_mlp.onnx")
onnx.checker.check_model(onnx_model, full_check=True)  # raises if the graph is invalid


def describe(value):
    dims = [d.dim_param or d.dim_value for d in value.type.tensor_type.shape.dim]
    return f"{value.name} {dims}"


print("opset:", onnx_model.opset_import[0].version)
print("inputs:", ", ".join(describe(v) for v in onnx_model.graph.input))
print("outputs:", ", ".join(describe(v) for v in onnx_model.graph.output))
nodes = onnx_model.graph.node
print("nodes:", len(nodes), sorted({node.op_type for node in nodes}))

session = ort.InferenceSession("digits_mlp.onnx", providers=["CPUExecutionProvider"])
pixels = (load_digits().data / 16.0).astype(np.float32)
for batch_size in (1, 7, 64):
    x = pixels[:batch_size]
    (onnx_logits,) = session.run(["logits"], {"pixels": x})
    with torch.no_grad():
        torch_logits = model(torch.from_numpy(x)).numpy()
    difference = float(np.abs(onnx_logits - torch_logits).max())
    print(f"batch {batch_size:2d}: logits {onnx_logits.shape}, "
          f"max |ONNX Runtime - PyTorch| = {difference:.1e}")
    if difference > TOLERANCE:
        raise SystemExit(
            f"ONNX Runtime differs from PyTorch by {difference:.1e} > {TOLERANCE:.0e}"
        )
print(f"all batch sizes agree within {TOLERANCE:.0e}")

with torch.no_grad():
    logits = model(torch.from_numpy(pixels[:64])).numpy()
with open("digits_test.json", "w") as file:
    json.dump({"images": pixels[:64].tolist(), "pytorch_logits": logits.tolist()}, file)
print("wrote digits_test.json: 64 images and PyTorch's logits for them")
