"""Hello, ONNX: the same product written as an ONNX graph and run by ONNX Runtime."""

import numpy as np
import onnx
import onnxruntime as ort
from onnx import TensorProto, helper

# A graph is nodes (operators) wired by named tensors: product = a @ transpose(a).
graph = helper.make_graph(
    nodes=[
        helper.make_node("Transpose", ["a"], ["a_t"]),
        helper.make_node("MatMul", ["a", "a_t"], ["product"]),
    ],
    name="matmul",
    inputs=[helper.make_tensor_value_info("a", TensorProto.FLOAT, [2, 2])],
    outputs=[helper.make_tensor_value_info("product", TensorProto.FLOAT, [2, 2])],
)
model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 20)])
onnx.checker.check_model(model)

session = ort.InferenceSession(
    model.SerializeToString(), providers=["CPUExecutionProvider"]
)
a = np.array([[1.0, 2.0], [3.0, 4.0]], dtype=np.float32)
(product,) = session.run(None, {"a": a})
print("onnxruntime", ort.__version__, "on", session.get_providers()[0])
print(product)
print("sum:", float(product.sum()))
