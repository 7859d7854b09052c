"""Each deployment route of the shared classifier: export it, reload it, time it.

A route builds its file in a folder and returns (the file, a function that loads it and returns a
callable). measure() runs one route: artifact size, load time (median of LOADS loads), batch-1
latency (p50 and p90 of CALLS calls after WARMUP warm-up calls), and the outputs on the input
batch. Routes are keyed by the slugs of rosetta.vocabulary.DEPLOYMENT_ROUTES.
"""

import statistics
import time
from pathlib import Path

import numpy as np

from rosetta.digits.classifier import load_workdir
from rosetta.execution.alone import machine_to_myself
from rosetta.digits.runtimes import (executorch_session, export_torch_onnx, flax_model, keras_model, litert_session,
                                     onnx_session, openvino_session, torch_call, torch_model)

LOADS, WARMUP, CALLS = 5, 20, 200
EXECUTORCH_MAX_BATCH = 1024  # more than the test split's 450 images, which the matrix runs in one batch


def pytorch_eager(weights, folder):
    import torch

    path = folder / "digits_mlp.pt"
    torch.save(torch_model(weights).state_dict(), path)

    def load():
        model = torch_model({name: np.zeros_like(value) for name, value in weights.items()})
        model.load_state_dict(torch.load(path))
        return torch_call(model)
    return path, load


def shared_onnx_file(workdir: Path) -> Path:
    """Where pytorch_onnx_file keeps PyTorch's ONNX file in the work folder."""
    return workdir / "pytorch-onnx" / "digits_mlp.onnx"


def pytorch_onnx_file(weights, folder: Path) -> Path:
    """PyTorch's ONNX export of the weights, made once in the work folder and read by every route that
    starts from it (the export takes seconds: a route needs its file, not an export of its own)."""
    shared = shared_onnx_file(folder.parent)
    if not shared.exists():
        shared.parent.mkdir(exist_ok=True)
        export_torch_onnx(weights, shared)
    return shared


def onnx_from_pytorch(session):
    """A route through PyTorch's ONNX file, run by `session` (ONNX Runtime's, or OpenVINO's, which reads ONNX itself)."""
    def route(weights, folder):
        path = pytorch_onnx_file(weights, folder)
        return path, lambda: session(path)
    return route


def exported_by_keras(file_name: str, export_format: str, session, artifact_is_folder: bool = False):
    """A route through one of Keras's own formats: model.export(path, format=export_format), then `session`."""
    def route(weights, folder):
        path = folder / file_name
        keras_model(weights).export(str(path), format=export_format, verbose=False)
        return folder if artifact_is_folder else path, lambda: session(path)
    return route


def onnx_from_jax(weights, folder):
    """The Flax NNX model converted by jax2onnx, run by ONNX Runtime, which does not use JAX."""
    from jax2onnx import to_onnx

    path = folder / "digits_mlp.onnx"
    to_onnx(flax_model(weights), [("batch", 64)], return_mode="file", output_path=str(path))
    return path, lambda: onnx_session(path)


def savedmodel(weights, folder):
    import tensorflow as tf

    path = folder / "saved"
    keras_model(weights).export(str(path), format="tf_saved_model", verbose=False)

    def load():
        serve = tf.saved_model.load(str(path)).signatures["serving_default"]
        return lambda x: next(iter(serve(tf.constant(x)).values())).numpy()
    return path, load


def litert(weights, folder):
    import tensorflow as tf

    saved, path = folder / "saved", folder / "digits_mlp.tflite"
    keras_model(weights).export(str(saved), format="tf_saved_model", verbose=False)
    path.write_bytes(tf.lite.TFLiteConverter.from_saved_model(str(saved)).convert())
    return path, lambda: litert_session(path)


def exported_program(weights, batch):
    """torch.export of the PyTorch model, its first dimension the dynamic `batch` (a torch.export.Dim)."""
    import torch

    return torch.export.export(torch_model(weights), (torch.zeros(2, 64),), dynamic_shapes=({0: batch},))


def torch_export(weights, folder):
    import torch

    path = folder / "digits_mlp.pt2"
    torch.export.save(exported_program(weights, torch.export.Dim("batch")), path)
    return path, lambda: torch_call(torch.export.load(path).module())


def executorch_program(weights, folder):
    """The torch.export program lowered to XNNPACK and written as an ExecuTorch program, run by ExecuTorch's runtime."""
    import torch
    from executorch.backends.xnnpack.partition.xnnpack_partitioner import XnnpackPartitioner
    from executorch.exir import to_edge_transform_and_lower

    path = folder / "digits_mlp.pte"
    batch = torch.export.Dim("batch", min=1, max=EXECUTORCH_MAX_BATCH)
    lowered = to_edge_transform_and_lower(exported_program(weights, batch), partitioner=[XnnpackPartitioner()])
    path.write_bytes(lowered.to_executorch().buffer)
    return path, lambda: executorch_session(path)


def litert_from_pytorch(weights, folder):
    """litert-torch converts the PyTorch model to LiteRT's .tflite (without TensorFlow); LiteRT's interpreter runs it."""
    import litert_torch
    import torch

    path = folder / "digits_mlp.tflite"
    litert_torch.convert(torch_model(weights), (torch.zeros(1, 64),)).export(str(path))
    return path, lambda: litert_session(path)


def torch_from_keras(weights, folder):
    """Keras on its PyTorch backend, exported with format="torch": a torch.export program."""
    import torch

    path = folder / "digits_mlp.pt2"
    batch = {0: torch.export.Dim("batch")}  # without it, the program takes batches of one only
    keras_model(weights).export(str(path), format="torch", verbose=False, dynamic_shapes=batch)
    return path, lambda: torch_call(torch.export.load(path).module())


def quantized_onnx(weights, folder):
    from onnxruntime.quantization import QuantType, quantize_dynamic

    path = folder / "digits_int8.onnx"
    quantize_dynamic(str(pytorch_onnx_file(weights, folder)), str(path), weight_type=QuantType.QInt8)
    return path, lambda: onnx_session(path)


ROUTES = {
    "pytorch-eager": pytorch_eager,
    "onnx-from-pytorch": onnx_from_pytorch(onnx_session),
    "openvino-from-onnx": onnx_from_pytorch(openvino_session),
    "onnx-from-keras": exported_by_keras("digits_mlp.onnx", "onnx", onnx_session),
    "onnx-from-jax": onnx_from_jax,
    "savedmodel": savedmodel,
    "litert": litert,
    "litert-from-keras": exported_by_keras("digits_mlp.tflite", "litert", litert_session),
    "openvino-from-keras": exported_by_keras("digits_mlp.xml", "openvino", openvino_session, artifact_is_folder=True),  # .xml and .bin
    "torch-export": torch_export,
    "executorch": executorch_program,
    "litert-from-pytorch": litert_from_pytorch,
    "torch-from-keras": torch_from_keras,
    "onnx-int8": quantized_onnx,
}


def size_of(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) if path.is_dir() else path.stat().st_size


def measure(route: str, workdir: Path) -> dict:
    weights, inputs = load_workdir(workdir)
    folder = workdir / route
    folder.mkdir()
    artifact, load = ROUTES[route](weights, folder)

    load_seconds, latencies, single = [], [], inputs[:1]
    with machine_to_myself():  # in a build, every other job is stopped while this route is timed
        for _ in range(LOADS):
            started = time.perf_counter()
            call = load()
            load_seconds.append(time.perf_counter() - started)
        for _ in range(WARMUP):
            call(single)
        for _ in range(CALLS):
            started = time.perf_counter()
            call(single)
            latencies.append(time.perf_counter() - started)
    np.save(folder / "outputs.npy", call(inputs))
    deciles = statistics.quantiles(latencies, n=10)
    return {
        "route": route,
        "bytes": size_of(artifact),
        "load_ms": statistics.median(load_seconds) * 1e3,
        "p50_ms": statistics.median(latencies) * 1e3,
        "p90_ms": deciles[8] * 1e3,
        "outputs": str(folder / "outputs.npy"),
    }
