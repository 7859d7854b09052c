"""Your first model through ONNX: export the PyTorch linear model, run it in ONNX
Runtime, compare."""

import numpy as np
import onnx
import onnxruntime as ort
import torch

torch.manual_seed(0)
model = torch.nn.Linear(3, 1).eval()
example = torch.randn(2, 3)

# The current exporter (torch.export based) with a symbolic batch dimension.
batch = torch.export.Dim("batch")
program = torch.onnx.export(
    model,
    (example,),
    input_names=["features"],
    output_names=["prediction"],
    dynamic_shapes={"input": {0: batch}},
    verbose=False,
)
program.save("linear.onnx")

onnx_model = onnx.load("linear.onnx")
onnx.checker.check_model(onnx_model)
graph_input = onnx_model.graph.input[0]
dims = [d.dim_param or d.dim_value for d in graph_input.type.tensor_type.shape.dim]
opset = onnx_model.opset_import[0].version
print(f"input {graph_input.name!r} shape {dims}, opset {opset}")

session = ort.InferenceSession("linear.onnx", providers=["CPUExecutionProvider"])
rng = np.random.default_rng(seed=0)
for batch_size in (1, 7, 100):
    x = rng.normal(size=(batch_size, 3)).astype(np.float32)
    (onnx_out,) = session.run(None, {"features": x})
    with torch.no_grad():
        torch_out = model(torch.from_numpy(x)).numpy()
    difference = np.abs(onnx_out - torch_out).max()
    print(f"batch {batch_size:3d}: output {onnx_out.shape}, "
          f"max |ONNX - PyTorch| = {difference:.1e}")
