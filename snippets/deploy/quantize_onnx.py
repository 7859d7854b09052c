"""Dynamic quantization with ONNX Runtime: int8 weights for a digits classifier, size
and accuracy."""

import os

import numpy as np
import onnxruntime as ort
import torch
from onnxruntime.quantization import QuantType, quantize_dynamic
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

digits = load_digits()
x_train, x_test, y_train, y_test = train_test_split(
    (digits.data / 16.0).astype(np.float32), digits.target,
    test_size=0.25, random_state=0, stratify=digits.target,
)

# A model large enough for its weights to dominate the file: 64 -> 512 -> 512 -> 10.
torch.manual_seed(0)
model = torch.nn.Sequential(
    torch.nn.Linear(64, 512), torch.nn.ReLU(),
    torch.nn.Linear(512, 512), torch.nn.ReLU(),
    torch.nn.Linear(512, 10),
)
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
inputs, labels = torch.from_numpy(x_train), torch.from_numpy(y_train)
for epoch in range(5):
    for batch in torch.randperm(len(inputs)).split(64):
        optimizer.zero_grad()
        loss = torch.nn.functional.cross_entropy(model(inputs[batch]), labels[batch])
        loss.backward()
        optimizer.step()
model.eval()

batch = torch.export.Dim("batch")
program = torch.onnx.export(
    model, (inputs[:2],), input_names=["pixels"],
    dynamic_shapes=({0: batch},), verbose=False,
)
program.save("digits_fp32.onnx")
# Weights become int8 with a scale each; activations are quantized on the fly at run
# time.
quantize_dynamic("digits_fp32.onnx", "digits_int8.onnx", weight_type=QuantType.QInt8)


def accuracy(path: str) -> float:
    session = ort.InferenceSession(path, providers=["CPUExecutionProvider"])
    (logits,) = session.run(None, {"pixels": x_test})
    return float((logits.argmax(axis=1) == y_test).mean())


for path in ("digits_fp32.onnx", "digits_int8.onnx"):
    # Whole KiB: the exporter's metadata varies by a few bytes from run to run.
    print(f"{path}: {os.path.getsize(path) / 1024:5.0f} KiB, "
          f"test accuracy {accuracy(path):.4f} on {len(y_test)} images")
ratio = os.path.getsize("digits_int8.onnx") / os.path.getsize("digits_fp32.onnx")
print(f"the int8 file is {ratio:.0%} of the float32 file")
