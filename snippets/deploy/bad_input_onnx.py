"""What ONNX Runtime says about a broken file and about wrong inputs, and that it
survives them."""

import numpy as np
import onnx
import onnxruntime as ort
from onnx import TensorProto, helper, numpy_helper

# A small valid model: logits = pixels @ weights, for a batch of any size.
weights = np.random.default_rng(0).normal(size=(64, 10)).astype(np.float32)
graph = helper.make_graph(
    nodes=[helper.make_node("MatMul", ["pixels", "weights"], ["logits"])],
    name="linear",
    inputs=[helper.make_tensor_value_info("pixels", TensorProto.FLOAT, ["batch", 64])],
    outputs=[helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["batch", 10])],
    initializer=[numpy_helper.from_array(weights, name="weights")],
)
model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 20)])
valid = model.SerializeToString()


def describe(error: Exception) -> str:
    return f"{type(error).__name__}: {' '.join(str(error).split())}"


print("Loading broken files:")
broken_files = {
    "truncated.onnx": valid[: len(valid) // 2],
    "garbage.onnx": b"this is not a model",
}
for name, content in broken_files.items():
    with open(name, "wb") as file:
        file.write(content)
    try:
        ort.InferenceSession(name, providers=["CPUExecutionProvider"])
    except Exception as error:  # the runtime raises its own exception types
        print(f"  {name}: {describe(error)}")

session = ort.InferenceSession(valid, providers=["CPUExecutionProvider"])
print("Feeding wrong inputs:")
wrong_inputs = {
    "63 features instead of 64": np.zeros((1, 63), dtype=np.float32),
    "float64 instead of float32": np.zeros((1, 64), dtype=np.float64),
}
for problem, pixels in wrong_inputs.items():
    try:
        session.run(None, {"pixels": pixels})
    except Exception as error:
        print(f"  {problem}: {describe(error)}")

# The errors were exceptions, not crashes: the same session still answers a correct
# input.
(logits,) = session.run(None, {"pixels": np.ones((3, 64), dtype=np.float32)})
print("after the errors, a correct batch of 3 gives logits of shape", logits.shape)
