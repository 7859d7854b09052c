"""Time one framework's runtimes on the benchmark workloads, in this process only.

python bench_worker.py FRAMEWORK THREADS RUNTIMES WORKLOADS BATCH_SIZES
(comma-separated lists). Sets the thread count before the framework is imported, then prints
one JSON line: the raw timing samples (in seconds) of every cell. bench.py starts one of these
per framework and thread setting, so no framework's state leaks into another's timings.
"""

import json
import os
import sys
import time


def fix_threads(threads: str) -> None:
    """Thread settings read when a library loads: set them before anything is imported."""
    os.environ.update(OMP_NUM_THREADS=threads, OPENBLAS_NUM_THREADS=threads, MKL_NUM_THREADS=threads,
                      TF_NUM_INTRAOP_THREADS=threads, TF_NUM_INTEROP_THREADS="1", TF_CPP_MIN_LOG_LEVEL="2")


if __name__ == "__main__":
    fix_threads(sys.argv[2])  # before NumPy loads its BLAS

import numpy as np  # noqa: E402

REPEATS = {"epoch": 3, "latency": 64, "throughput": 8, "growth": 8, "gemm": 5}
GEMM_SIZE, THROUGHPUT_BATCH, BATCH = 1024, 256, 64


def timed(function, repeats: int) -> tuple[float, list[float]]:
    """The first call's time (tracing, compiling, warm-up), then `repeats` timed calls."""
    started = time.perf_counter()
    function()
    first = time.perf_counter() - started
    samples = []
    for _ in range(repeats):
        started = time.perf_counter()
        function()
        samples.append(time.perf_counter() - started)
    return first, samples


def digits(images: bool, channels_last: bool):
    from sklearn.datasets import load_digits

    data = load_digits()
    x = (data.data / 16.0).astype(np.float32)
    if images:
        x = x.reshape(-1, 8, 8, 1) if channels_last else x.reshape(-1, 1, 8, 8)
    return x, data.target.astype(np.int64)


class Runtime:
    """What each runtime provides; None where it cannot do a task (the page says why)."""

    train_steps = None  # (x, y) -> callable running one optimisation step per batch of x
    predict = None  # x -> callable running inference on x
    cannot_train = "inference only"

    def __init__(self, workload: str):
        self.workload = workload


# ---- PyTorch -------------------------------------------------------------------------------
def torch_model(workload):
    import torch

    if workload == "linear":
        return torch.nn.Linear(3, 1)
    if workload == "cnn":
        return torch.nn.Sequential(
            torch.nn.Conv2d(1, 16, 3, padding=1), torch.nn.ReLU(), torch.nn.Conv2d(16, 32, 3, padding=1),
            torch.nn.ReLU(), torch.nn.MaxPool2d(2), torch.nn.Flatten(), torch.nn.Linear(512, 10),
        )
    return torch.nn.Sequential(torch.nn.Linear(64, 128), torch.nn.ReLU(), torch.nn.Linear(128, 128), torch.nn.ReLU(), torch.nn.Linear(128, 10))


class PyTorchEager(Runtime):
    compiled = False

    def __init__(self, workload):
        import torch

        super().__init__(workload)
        self.torch, self.model = torch, torch_model(workload)
        self.forward = torch.compile(self.model) if self.compiled else self.model

    def train_steps(self, x, y):
        torch = self.torch
        optimizer = torch.optim.Adam(self.model.parameters(), lr=1e-3)
        loss_fn = torch.nn.MSELoss() if self.workload == "linear" else torch.nn.CrossEntropyLoss()
        batches = [(torch.from_numpy(xb), torch.from_numpy(yb)) for xb, yb in batched(x, y)]

        def run():
            for xb, yb in batches:
                optimizer.zero_grad()
                loss_fn(self.model(xb), yb).backward()
                optimizer.step()
        return run

    def predict(self, x):
        tensor = self.torch.from_numpy(x)

        def run():
            with self.torch.no_grad():
                return self.forward(tensor)
        return run


class TorchCompile(PyTorchEager):
    compiled = True
    train_steps = None
    cannot_train = "inference only: training is not compiled here"


# ---- TensorFlow ----------------------------------------------------------------------------
def keras_model(workload, keras):
    layers = keras.layers
    if workload == "linear":
        return keras.Sequential([keras.Input((3,)), layers.Dense(1)])
    if workload == "cnn":
        return keras.Sequential([
            keras.Input((8, 8, 1)), layers.Conv2D(16, 3, padding="same", activation="relu"),
            layers.Conv2D(32, 3, padding="same", activation="relu"), layers.MaxPooling2D(2), layers.Flatten(), layers.Dense(10),
        ])
    return keras.Sequential([keras.Input((64,)), layers.Dense(128, activation="relu"), layers.Dense(128, activation="relu"), layers.Dense(10)])


class TensorFlowEager(Runtime):
    mode = "eager"

    def __init__(self, workload):
        import tensorflow as tf

        super().__init__(workload)
        self.tf, self.model = tf, keras_model(workload, tf.keras)
        wrap = {"eager": lambda f: f, "function": tf.function, "xla": lambda f: tf.function(f, jit_compile=True)}[self.mode]
        self.forward = wrap(lambda x: self.model(x, training=False))
        optimizer = tf.keras.optimizers.Adam(1e-3)
        loss_fn = tf.keras.losses.MeanSquaredError() if workload == "linear" else tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)

        def step(xb, yb):
            with tf.GradientTape() as tape:
                loss = loss_fn(yb, self.model(xb, training=True))
            optimizer.apply_gradients(zip(tape.gradient(loss, self.model.trainable_variables), self.model.trainable_variables))
        self.step = wrap(step)

    def train_steps(self, x, y):
        batches = [(self.tf.constant(xb), self.tf.constant(yb)) for xb, yb in batched(x, y)]

        def run():
            for xb, yb in batches:
                self.step(xb, yb)
        return run

    def predict(self, x):
        tensor = self.tf.constant(x)
        return lambda: self.forward(tensor).numpy()


class TensorFlowFunction(TensorFlowEager):
    mode = "function"


class TensorFlowXla(TensorFlowEager):
    mode = "xla"


class LiteRT(Runtime):
    def __init__(self, workload):
        import tensorflow as tf
        from ai_edge_litert.interpreter import Interpreter

        super().__init__(workload)
        model = keras_model(workload, tf.keras)
        converter = tf.lite.TFLiteConverter.from_concrete_functions(
            [tf.function(model).get_concrete_function(tf.TensorSpec([None, *model.input_shape[1:]], tf.float32))], model
        )
        self.interpreter = Interpreter(model_content=converter.convert(), num_threads=int(os.environ["OMP_NUM_THREADS"]))

    def predict(self, x):
        given, taken = self.interpreter.get_input_details()[0], self.interpreter.get_output_details()[0]
        self.interpreter.resize_tensor_input(given["index"], list(x.shape))
        self.interpreter.allocate_tensors()

        def run():
            self.interpreter.set_tensor(given["index"], x)
            self.interpreter.invoke()
            return self.interpreter.get_tensor(taken["index"])
        return run


# ---- Keras 3 on either backend ---------------------------------------------------------------
class KerasFitPredict(Runtime):
    def __init__(self, workload):
        import keras

        super().__init__(workload)
        self.model = keras_model(workload, keras)
        loss = "mse" if workload == "linear" else keras.losses.SparseCategoricalCrossentropy(from_logits=True)
        self.model.compile(optimizer=keras.optimizers.Adam(1e-3), loss=loss)

    def train_steps(self, x, y):
        return lambda: self.model.fit(x, y, batch_size=BATCH, epochs=1, verbose=0, shuffle=False)

    def predict(self, x):
        return lambda: self.model.predict(x, batch_size=len(x), verbose=0)


class KerasCall(KerasFitPredict):
    train_steps = None
    cannot_train = "training is model.fit: see the fit/predict row"

    def predict(self, x):
        import keras

        return lambda: keras.ops.convert_to_numpy(self.model(x, training=False))


# ---- ONNX Runtime and NumPy ----------------------------------------------------------------
def ort_session(model):
    """An ONNX Runtime session on this process's thread setting, its threads not spinning when idle."""
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = int(os.environ["OMP_NUM_THREADS"])
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")  # no busy-waiting threads
    return ort.InferenceSession(model.SerializeToString(), options, providers=["CPUExecutionProvider"])


class OnnxRuntime(Runtime):
    def __init__(self, workload):
        super().__init__(workload)
        self.session = ort_session(onnx_model(workload))

    def predict(self, x):
        return lambda: self.session.run(None, {"x": x})[0]


def onnx_model(workload):
    from onnx import TensorProto, helper, numpy_helper

    rng = np.random.default_rng(0)
    weights, nodes = [], []

    def weight(name, shape):
        weights.append(numpy_helper.from_array((rng.normal(size=shape) * 0.1).astype(np.float32), name))
        return name

    if workload == "cnn":
        nodes = [
            helper.make_node("Conv", ["x", weight("k1", (16, 1, 3, 3)), weight("c1", (16,))], ["h1"], pads=[1, 1, 1, 1]),
            helper.make_node("Relu", ["h1"], ["r1"]),
            helper.make_node("Conv", ["r1", weight("k2", (32, 16, 3, 3)), weight("c2", (32,))], ["h2"], pads=[1, 1, 1, 1]),
            helper.make_node("Relu", ["h2"], ["r2"]),
            helper.make_node("MaxPool", ["r2"], ["p"], kernel_shape=[2, 2], strides=[2, 2]),
            helper.make_node("Flatten", ["p"], ["f"]),
            helper.make_node("Gemm", ["f", weight("w", (512, 10)), weight("b", (10,))], ["y"]),
        ]
        shape = ["batch", 1, 8, 8]
    else:
        sizes = [(3, 1)] if workload == "linear" else [(64, 128), (128, 128), (128, 10)]
        previous = "x"
        for index, size in enumerate(sizes):
            output = "y" if index == len(sizes) - 1 else f"h{index}"
            nodes.append(helper.make_node("Gemm", [previous, weight(f"w{index}", size), weight(f"b{index}", size[1:])], [output]))
            if output != "y":
                nodes.append(helper.make_node("Relu", [output], [f"r{index}"]))
                previous = f"r{index}"
        shape = ["batch", sizes[0][0]]
    graph = helper.make_graph(nodes, workload, [helper.make_tensor_value_info("x", TensorProto.FLOAT, shape)],
                              [helper.make_tensor_value_info("y", TensorProto.FLOAT, None)], initializer=weights)
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 20)])


def batched(x, y):
    return [(x[i:i + BATCH], y[i:i + BATCH]) for i in range(0, len(x) - BATCH + 1, BATCH)]


RUNTIMES = {
    "pytorch": PyTorchEager, "torch-compile": TorchCompile,
    "tf-eager": TensorFlowEager, "tf-function": TensorFlowFunction, "tf-xla": TensorFlowXla, "litert": LiteRT,
    "keras-tf-fit": KerasFitPredict, "keras-tf-call": KerasCall,
    "keras-torch-fit": KerasFitPredict, "keras-torch-call": KerasCall,
    "onnxruntime": OnnxRuntime,
}


def gemm_cell(framework: str):
    """A GEMM of two 1024x1024 float32 matrices in this framework."""
    a = np.random.default_rng(0).random((GEMM_SIZE, GEMM_SIZE), dtype=np.float32)
    if framework == "torch":
        import torch

        ta = torch.from_numpy(a)
        return lambda: torch.mm(ta, ta)
    if framework == "tensorflow":
        import tensorflow as tf

        ta = tf.constant(a)
        return lambda: tf.linalg.matmul(ta, ta).numpy()
    if framework == "onnxruntime":
        from onnx import TensorProto, helper

        graph = helper.make_graph([helper.make_node("MatMul", ["a", "a"], ["c"])], "gemm",
                                  [helper.make_tensor_value_info("a", TensorProto.FLOAT, [GEMM_SIZE, GEMM_SIZE])],
                                  [helper.make_tensor_value_info("c", TensorProto.FLOAT, [GEMM_SIZE, GEMM_SIZE])])
        session = ort_session(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 20)]))
        return lambda: session.run(None, {"a": a})
    return lambda: a @ a  # numpy


def measure(runtime_name: str, workload: str, batch_sizes: list[int], single_calls: bool) -> list[dict]:
    """Every cell of one runtime on one workload; growth cells when `batch_sizes` is not empty.

    Single-sample latency and growth are measured only when `single_calls` (at 1 thread).
    """
    runtime = RUNTIMES[runtime_name](workload)
    x, y = (np.random.default_rng(0).normal(size=(6400, 3)).astype(np.float32), None) if workload == "linear" else digits(workload == "cnn", not runtime_name.startswith(("pytorch", "torch", "onnx")))
    if workload == "linear":
        y = x @ np.array([[2.0], [-3.0], [0.5]], np.float32)
    cells = []

    def add(metric, unit, first, samples, **extra):
        cells.append({"runtime": runtime_name, "workload": workload, "metric": metric, "unit": unit, "first_call_s": first, "samples": samples, **extra})

    def skip(metric, note):
        cells.append({"runtime": runtime_name, "workload": workload, "metric": metric, "note": note})

    training = "train_100_steps" if workload == "linear" else "train_epoch"
    if runtime.train_steps is None:
        skip(training, runtime.cannot_train)
    else:
        xs, ys = (x[:100 * BATCH], y[:100 * BATCH]) if workload == "linear" else (x, y)
        add(training, "s", *timed(runtime.train_steps(xs, ys), REPEATS["epoch"]))
    if workload == "linear":
        return cells
    if runtime.predict is None:
        return cells
    if single_calls:
        add("latency", "s", *timed(runtime.predict(x[:1]), REPEATS["latency"]))
    first, samples = timed(runtime.predict(x[:THROUGHPUT_BATCH]), REPEATS["throughput"])
    add("throughput", "s", first, samples, batch=THROUGHPUT_BATCH)
    if workload == "mlp" and single_calls:
        for size in batch_sizes:
            batch = np.resize(x, (size, *x.shape[1:]))
            add("growth", "s", *timed(runtime.predict(batch), REPEATS["growth"]), batch=size)
    return cells


def main() -> None:
    framework, threads, runtimes, workloads, sizes = sys.argv[1:6]
    if "growth" in workloads.split(",") and "mlp" not in workloads.split(","):
        workloads += ",mlp"  # growth is the MLP's latency at each batch size
    cells = []
    requested = workloads.split(",")
    growth_sizes = [int(size) for size in sizes.split(",")] if "growth" in requested else []
    for runtime_name in filter(None, runtimes.split(",")):
        for workload in [w for w in requested if w in ("linear", "mlp", "cnn")]:
            try:
                cells += measure(runtime_name, workload, growth_sizes, single_calls=threads == "1")
            except Exception as error:  # the page shows the error instead of the cell
                cells.append({"runtime": runtime_name, "workload": workload, "metric": "*", "error": f"{type(error).__name__}: {' '.join(str(error).split())[:300]}"})
    if "gemm" in requested:
        first, samples = timed(gemm_cell(framework), REPEATS["gemm"])
        cells.append({"runtime": framework, "workload": "gemm", "metric": "gemm", "unit": "s", "first_call_s": first, "samples": samples, "size": GEMM_SIZE})
    print(json.dumps({"framework": framework, "threads": int(threads), "cells": cells}))


if __name__ == "__main__":
    # The same thread setting for every framework, fixed before the framework is imported.
    threads = sys.argv[2]
    if sys.argv[1].startswith("keras-"):
        os.environ["KERAS_BACKEND"] = sys.argv[1].removeprefix("keras-")
    if sys.argv[1] in ("torch", "keras-torch"):
        import torch

        torch.set_num_threads(int(threads))
        torch.set_num_interop_threads(1)
    if sys.argv[1] in ("tensorflow", "keras-tensorflow"):
        import tensorflow as tf

        tf.config.threading.set_intra_op_parallelism_threads(int(threads))
        tf.config.threading.set_inter_op_parallelism_threads(1)
    main()
