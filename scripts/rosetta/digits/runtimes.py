"""The shared weights as a model of each framework, and the sessions that run exported files.

Each runs on one thread: the deployment matrix and the parity table compare runtimes, not thread pools.
"""

import numpy as np

from rosetta.digits.classifier import layer_sizes


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


def torch_call(module):
    """A callable running a PyTorch module on NumPy input, without autograd."""
    import torch

    def call(x):
        with torch.no_grad():
            return module(torch.from_numpy(x)).numpy()
    return call


def one_tensorflow_thread():
    """TensorFlow on one thread, before its first operation; once it has run, its threads are fixed."""
    import tensorflow as tf

    try:
        tf.config.threading.set_intra_op_parallelism_threads(1)
        tf.config.threading.set_inter_op_parallelism_threads(1)
    except RuntimeError:  # it ran already in this process (raw TensorFlow before Keras on it), set up by this
        pass


def keras_model(weights):
    import keras

    if keras.config.backend() == "tensorflow":
        one_tensorflow_thread()
    sizes = layer_sizes(weights)
    hidden = [keras.layers.Dense(outputs, activation="relu") for _, outputs in sizes[:-1]]
    model = keras.Sequential([keras.Input(shape=(sizes[0][0],)), *hidden, keras.layers.Dense(sizes[-1][1])])
    model.set_weights([weights[f"{kind}{index}"] for index in range(len(sizes)) for kind in ("w", "b")])
    model(np.zeros((1, sizes[0][0]), dtype=np.float32))  # export needs a model that has been called once
    return model


def flax_model(weights):
    """The shared weights as a Flax NNX model: nnx.Linear keeps NumPy's (in, out) layout, no transpose."""
    from flax import nnx

    class MLP(nnx.Module):
        def __init__(self, sizes, rngs):
            self.layers = nnx.List([nnx.Linear(inputs, outputs, rngs=rngs) for inputs, outputs in sizes])

        def __call__(self, x):
            for layer in self.layers[:-1]:
                x = nnx.relu(layer(x))
            return self.layers[-1](x)

    model = MLP(layer_sizes(weights), nnx.Rngs(0))
    for index, layer in enumerate(model.layers):
        layer.kernel[...], layer.bias[...] = weights[f"w{index}"], weights[f"b{index}"]
    return model


def onnx_session(path):
    """A callable running the ONNX file at `path` in ONNX Runtime on one thread."""
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = options.inter_op_num_threads = 1
    session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
    name = session.get_inputs()[0].name
    return lambda x: session.run(None, {name: x})[0]


def litert_session(path):
    """A callable running the .tflite file at `path` in the LiteRT interpreter, resizing to each batch."""
    from ai_edge_litert.interpreter import Interpreter

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


# OpenVINO computes in a lower precision than float32 where the CPU can (its own choice is printed under
# the deployment matrix): the routes ask for float32, as every other route computes.
OPENVINO_CONFIG = {"INFERENCE_NUM_THREADS": 1, "INFERENCE_PRECISION_HINT": "f32"}


def openvino_session(path):
    """A callable running the model at `path` (ONNX, or OpenVINO's .xml) with OpenVINO on the CPU, on one thread."""
    import openvino as ov

    compiled = ov.Core().compile_model(str(path), "CPU", OPENVINO_CONFIG)
    return lambda x: next(iter(compiled(x).values()))


def executorch_session(path):
    """A callable running the ExecuTorch program at `path` with ExecuTorch's runtime, its thread pool at one thread."""
    import torch
    from executorch.extension.pybindings.portable_lib import _unsafe_reset_threadpool
    from executorch.runtime import Runtime

    _unsafe_reset_threadpool(1)  # XNNPACK's own pool, which torch.set_num_threads does not reach
    method = Runtime.get().load_program(path).load_method("forward")
    return lambda x: method.execute([torch.from_numpy(x)])[0].numpy()


def export_torch_onnx(weights, path):
    import torch

    batch = torch.export.Dim("batch")
    torch.onnx.export(
        torch_model(weights), (torch.zeros(2, 64),), dynamic_shapes=({0: batch},), verbose=False
    ).save(str(path))
