"""The benchmark workloads' models, built alike in every framework, and their data."""

import numpy as np

BATCH = 64


def digits(images: bool, channels_last: bool):
    from sklearn.datasets import load_digits

    data = load_digits()
    x = (data.data / 16.0).astype(np.float32)
    if images:
        x = x.reshape(-1, 8, 8, 1) if channels_last else x.reshape(-1, 1, 8, 8)
    return x, data.target.astype(np.int64)


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


def flax_model(workload):
    """The workload's model as a Flax NNX module (channels-last images, as in Keras)."""
    from flax import nnx

    rngs = nnx.Rngs(0)
    if workload == "linear":
        return nnx.Linear(3, 1, rngs=rngs)
    if workload == "cnn":
        return nnx.Sequential(
            nnx.Conv(1, 16, (3, 3), padding="SAME", rngs=rngs), nnx.relu, nnx.Conv(16, 32, (3, 3), padding="SAME", rngs=rngs),
            nnx.relu, lambda x: nnx.max_pool(x, (2, 2), strides=(2, 2)), lambda x: x.reshape(len(x), -1), nnx.Linear(512, 10, rngs=rngs),
        )
    return nnx.Sequential(nnx.Linear(64, 128, rngs=rngs), nnx.relu, nnx.Linear(128, 128, rngs=rngs), nnx.relu, nnx.Linear(128, 10, rngs=rngs))


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


def whole_batches(x, y):
    """x and y without the samples that would make a last, smaller batch: every runtime trains an
    epoch of the same batches, and no compiled step is compiled again for a smaller one."""
    whole = len(x) // BATCH * BATCH
    return x[:whole], y[:whole]


def batched(x, y):
    x, y = whole_batches(x, y)
    return [(x[i:i + BATCH], y[i:i + BATCH]) for i in range(0, len(x), BATCH)]
