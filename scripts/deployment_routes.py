"""Measure one deployment route of the same digits MLP: python deployment_routes.py ROUTE WORKDIR.

WORKDIR holds weights.npz and inputs.npy (written by gen_deployment_matrix.py): dense layers
w0/b0, w1/b1, ... with ReLU between them. The route builds
its artifact there, then prints one JSON line: artifact size, load time (median of 5 loads),
batch-1 latency (p50 and p90 of 200 calls after 20 warm-up calls), and the path of its outputs
on the input batch. Every route runs in its own process on 1 thread.
"""

import json
import os
import statistics
import sys
import time
from pathlib import Path

import numpy as np

LOADS, WARMUP, CALLS = 5, 20, 200


def layer_sizes(weights) -> list[tuple[int, int]]:
    """(inputs, outputs) of each dense layer, read from the weights: w0, w1, ... are (in, out)."""
    return [weights[f"w{index}"].shape for index in range(len(weights) // 2)]


def torch_model(weights):
    import torch

    torch.set_num_threads(1)
    layers = [torch.nn.Linear(inputs, outputs) for inputs, outputs in layer_sizes(weights)]
    model = torch.nn.Sequential(*[part for layer in layers for part in (layer, torch.nn.ReLU())][:-1])
    with torch.no_grad():
        for index, layer in enumerate(layers):
            layer.weight.copy_(torch.from_numpy(weights[f"w{index}"].T))  # PyTorch keeps (out, in)
            layer.bias.copy_(torch.from_numpy(weights[f"b{index}"]))
    return model.eval()


def keras_model(weights):
    import keras
    import tensorflow as tf

    tf.config.threading.set_intra_op_parallelism_threads(1)
    tf.config.threading.set_inter_op_parallelism_threads(1)
    sizes = layer_sizes(weights)
    hidden = [keras.layers.Dense(outputs, activation="relu") for _, outputs in sizes[:-1]]
    model = keras.Sequential([keras.Input(shape=(sizes[0][0],)), *hidden, keras.layers.Dense(sizes[-1][1])])
    model.set_weights([weights[f"{kind}{index}"] for index in range(len(sizes)) for kind in ("w", "b")])
    model(np.zeros((1, sizes[0][0]), dtype=np.float32))  # export needs a model that has been called once
    return model


def onnx_session(path):
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = options.inter_op_num_threads = 1
    session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
    name = session.get_inputs()[0].name
    return lambda x: session.run(None, {name: x})[0]


def export_torch_onnx(weights, path):
    import torch

    batch = torch.export.Dim("batch")
    torch.onnx.export(
        torch_model(weights), (torch.zeros(2, 64),), dynamic_shapes=({0: batch},), verbose=False
    ).save(str(path))


def pytorch_eager(weights, folder):
    import torch

    path = folder / "digits_mlp.pt"
    torch.save(torch_model(weights).state_dict(), path)

    def load():
        model = torch_model({name: np.zeros_like(value) for name, value in weights.items()})
        model.load_state_dict(torch.load(path))

        def call(x):
            with torch.no_grad():
                return model(torch.from_numpy(x)).numpy()
        return call
    return path, load


def onnx_from_pytorch(weights, folder):
    path = folder / "digits_mlp.onnx"
    export_torch_onnx(weights, path)
    return path, lambda: onnx_session(path)


def onnx_from_keras(weights, folder):
    path = folder / "digits_mlp.onnx"
    model = keras_model(weights)
    model.export(str(path), format="onnx", verbose=False)
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
    from ai_edge_litert.interpreter import Interpreter

    saved, path = folder / "saved", folder / "digits_mlp.tflite"
    keras_model(weights).export(str(saved), format="tf_saved_model", verbose=False)
    path.write_bytes(tf.lite.TFLiteConverter.from_saved_model(str(saved)).convert())

    def load():
        interpreter = Interpreter(model_path=str(path), num_threads=1)
        (given,), (taken,) = interpreter.get_input_details(), interpreter.get_output_details()

        def call(x):
            if tuple(given["shape"]) != x.shape:
                interpreter.resize_tensor_input(given["index"], list(x.shape))
                interpreter.allocate_tensors()
                given["shape"] = np.array(x.shape)
            interpreter.set_tensor(given["index"], x)
            interpreter.invoke()
            return interpreter.get_tensor(taken["index"])
        interpreter.allocate_tensors()
        return call
    return path, load


def torch_export(weights, folder):
    import torch

    path = folder / "digits_mlp.pt2"
    batch = torch.export.Dim("batch")
    torch.export.save(torch.export.export(torch_model(weights), (torch.zeros(2, 64),), dynamic_shapes=({0: batch},)), path)

    def load():
        module = torch.export.load(path).module()

        def call(x):
            with torch.no_grad():
                return module(torch.from_numpy(x)).numpy()
        return call
    return path, load


def quantized_onnx(weights, folder):
    from onnxruntime.quantization import QuantType, quantize_dynamic

    float_path, path = folder / "digits_fp32.onnx", folder / "digits_int8.onnx"
    export_torch_onnx(weights, float_path)
    quantize_dynamic(str(float_path), str(path), weight_type=QuantType.QInt8)
    return path, lambda: onnx_session(path)


ROUTES = {
    "PyTorch eager": pytorch_eager,
    "ONNX from PyTorch": onnx_from_pytorch,
    "ONNX from Keras": onnx_from_keras,
    "SavedModel": savedmodel,
    "LiteRT": litert,
    "torch.export": torch_export,
    "Quantized ONNX (int8)": quantized_onnx,
}


def size_of(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) if path.is_dir() else path.stat().st_size


def measure(route: str, workdir: Path) -> dict:
    weights = dict(np.load(workdir / "weights.npz"))
    inputs = np.load(workdir / "inputs.npy")
    folder = workdir / route.replace(" ", "_")
    folder.mkdir()
    artifact, load = ROUTES[route](weights, folder)

    load_seconds = []
    for _ in range(LOADS):
        started = time.perf_counter()
        call = load()
        load_seconds.append(time.perf_counter() - started)

    np.save(folder / "outputs.npy", call(inputs))
    single = inputs[:1]
    for _ in range(WARMUP):
        call(single)
    latencies = []
    for _ in range(CALLS):
        started = time.perf_counter()
        call(single)
        latencies.append(time.perf_counter() - started)
    deciles = statistics.quantiles(latencies, n=10)
    return {
        "route": route,
        "bytes": size_of(artifact),
        "load_ms": statistics.median(load_seconds) * 1e3,
        "p50_ms": statistics.median(latencies) * 1e3,
        "p90_ms": deciles[8] * 1e3,
        "outputs": str(folder / "outputs.npy"),
    }


if __name__ == "__main__":
    # Before any framework is imported (the routes import them lazily).
    os.environ.update(OMP_NUM_THREADS="1", KERAS_BACKEND="tensorflow", TF_CPP_MIN_LOG_LEVEL="2")
    route_name, work = sys.argv[1], Path(sys.argv[2])
    if route_name not in ROUTES:
        sys.exit(f"deployment_routes.py: unknown route {route_name!r}; choose from {', '.join(ROUTES)}")
    print(json.dumps(measure(route_name, work)))
