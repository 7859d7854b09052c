"""PyTorch -> ONNX, for a program in another language: the model, test images, and
PyTorch's own logits for them, written beside each other.

Run it, then `node classify_digits_node.mjs` in the same folder: the JavaScript file
runs the ONNX model with ONNX Runtime for Node.js and compares its logits with these.
"""

import json

import numpy as np
import torch
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

digits = load_digits()
x_train, x_test, y_train, y_test = train_test_split(
    (digits.data / 16.0).astype(np.float32), digits.target,
    test_size=0.25, random_state=0, stratify=digits.target,
)

torch.manual_seed(0)
model = torch.nn.Sequential(
    torch.nn.Linear(64, 32), torch.nn.ReLU(), torch.nn.Linear(32, 10)
)
optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
inputs, labels = torch.from_numpy(x_train), torch.from_numpy(y_train)
for step in range(100):  # full-batch steps: a second of training is enough here
    optimizer.zero_grad()
    torch.nn.functional.cross_entropy(model(inputs), labels).backward()
    optimizer.step()
model.eval()

program = torch.onnx.export(
    model, (inputs[:2],), input_names=["pixels"], output_names=["logits"],
    dynamic_shapes=({0: torch.export.Dim("batch")},), verbose=False,
)
program.save("digits.onnx")

with torch.no_grad():
    logits = model(torch.from_numpy(x_test)).numpy()
accuracy = float((logits.argmax(axis=1) == y_test).mean())
with open("digits_test.json", "w") as file:
    json.dump({"images": x_test.tolist(), "labels": y_test.tolist(),
               "pytorch_logits": logits.tolist()}, file)
print(f"PyTorch test accuracy on {len(y_test)} images: {accuracy:.4f}")
print("wrote digits.onnx and digits_test.json (images, labels, PyTorch's logits)")
