"""JAX -> ONNX: a Flax NNX model converted by jax2onnx, then run by ONNX Runtime, which
does not use JAX."""

import numpy as np
import onnx
import onnxruntime as ort
from flax import nnx
from jax2onnx import to_onnx
from sklearn.datasets import load_digits

TOLERANCE = 1e-5


class MLP(nnx.Module):
    def __init__(self, rngs: nnx.Rngs):
        self.hidden = nnx.Linear(64, 32, rngs=rngs)
        self.output = nnx.Linear(32, 10, rngs=rngs)

    def __call__(self, x):
        return self.output(nnx.relu(self.hidden(x)))


model = MLP(nnx.Rngs(0))
pixels = (load_digits().data / 16.0).astype(np.float32)

# ("batch", 64): the first dimension stays symbolic in the ONNX graph.
to_onnx(model, [("batch", 64)], return_mode="file", output_path="digits_mlp.onnx")

graph = onnx.load("digits_mlp.onnx").graph
print("nodes:", len(graph.node), sorted({node.op_type for node in graph.node}))
session = ort.InferenceSession("digits_mlp.onnx", providers=["CPUExecutionProvider"])
(graph_input,) = session.get_inputs()
print(f"input {graph_input.name!r} with shape {graph_input.shape}")
for batch_size in (1, 7, 64):
    x = pixels[:batch_size]
    (onnx_logits,) = session.run(None, {graph_input.name: x})
    difference = float(np.abs(onnx_logits - np.asarray(model(x))).max())
    print(f"batch {batch_size:2d}: logits {onnx_logits.shape}, "
          f"max |ONNX Runtime - JAX| = {difference:.1e}")
    if difference > TOLERANCE:
        raise SystemExit(
            f"ONNX Runtime differs from JAX by {difference:.1e} > {TOLERANCE:.0e}"
        )
print(f"all batch sizes agree within {TOLERANCE:.0e}")
