"""What changed in PyTorch's ONNX export, checked on the installed version rather than
recalled."""

import inspect

import torch

export = inspect.signature(torch.onnx.export).parameters
print("torch", torch.__version__.split("+")[0])
print("torch.onnx.export(dynamo=...) defaults to", export["dynamo"].default,
      "- the torch.export-based exporter, which needs onnxscript")
print("dynamic_shapes accepted:", "dynamic_shapes" in export,
      "| legacy dynamic_axes still accepted:", "dynamic_axes" in export)
print("torch.compile available:", callable(getattr(torch, "compile", None)))
