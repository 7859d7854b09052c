"""ONNX Runtime in practice: which execution providers this build has, and the session
options."""

import numpy as np
import onnx
import onnxruntime as ort
import torch

# Providers compiled into this onnxruntime package, in the order a session would prefer
# them.
print("available here:", ort.get_available_providers())
# Every provider this version of the runtime knows by name; each needs its own build or
# package.
known = [name.removesuffix("ExecutionProvider") for name in ort.get_all_providers()]
print(f"known to this runtime ({len(known)}):", ", ".join(known))

torch.manual_seed(0)
model = torch.nn.Sequential(
    torch.nn.Linear(64, 32), torch.nn.ReLU(), torch.nn.Linear(32, 10)
).eval()
program = torch.onnx.export(
    model, (torch.zeros(2, 64),), input_names=["pixels"], verbose=False
)
program.save("mlp.onnx")
exported = onnx.load("mlp.onnx").graph.node
print("nodes in the exported file:", [node.op_type for node in exported])

x = np.random.default_rng(0).normal(size=(2, 64)).astype(np.float32)
outputs = {}
levels = ort.GraphOptimizationLevel
for level in (levels.ORT_DISABLE_ALL, levels.ORT_ENABLE_ALL):
    options = ort.SessionOptions()
    options.graph_optimization_level = level
    # Threads for one operator; the default is one per core.
    options.intra_op_num_threads = 1
    # Save the graph the runtime will run.
    options.optimized_model_filepath = f"mlp_{level.name}.onnx"
    session = ort.InferenceSession(
        "mlp.onnx", options, providers=["CPUExecutionProvider"]
    )
    outputs[level.name] = session.run(None, {"pixels": x})[0]
    optimized = onnx.load(options.optimized_model_filepath).graph.node
    nodes = [node.op_type for node in optimized]
    print(f"{level.name:15s} runs {len(nodes)} nodes: {nodes}")

difference = np.abs(outputs["ORT_DISABLE_ALL"] - outputs["ORT_ENABLE_ALL"]).max()
print(f"max difference between the two graphs: {difference:.1e}")
