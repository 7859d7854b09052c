"""The translation table's ONNX column: each operator in a graph of its own (onnx.helper), run by ONNX
Runtime in the ONNX process. Inputs arrive in PyTorch's layout, which is ONNX's too (NCHW)."""

import tempfile
from pathlib import Path

import numpy as np
import onnx
import onnxruntime
from onnx import TensorProto, helper

from rosetta.translation.registry import Checks

CHECKS = {"onnx": Checks()}
row = CHECKS["onnx"].row
OPSET = 23  # the operator set of every graph here: RMSNormalization and Attention are in it


def _value(name, array):
    return helper.make_tensor_value_info(name, helper.np_dtype_to_tensor_dtype(array.dtype), array.shape)


def _model(nodes, inputs: dict, output_type=TensorProto.FLOAT):
    graph = helper.make_graph(nodes, "check", [_value(name, value) for name, value in inputs.items()],
                              [helper.make_tensor_value_info("y", output_type, None)])
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)])


def _run(model, inputs: dict):
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 1
    session = onnxruntime.InferenceSession(model.SerializeToString(), options, providers=["CPUExecutionProvider"])
    return session.run(["y"], inputs)[0]


def _graph(nodes, inputs: dict, output_type=TensorProto.FLOAT):
    return _run(_model(nodes, inputs, output_type), inputs)


def _op(op_type, inputs: dict, output_type=TensorProto.FLOAT, **attributes):
    """One operator applied to `inputs`, in their order, its output returned."""
    return _graph([helper.make_node(op_type, list(inputs), ["y"], **attributes)], inputs, output_type)


def _ints(*values):
    return np.array(values, dtype=np.int64)


@row("matmul")
def _(c): return _op("MatMul", {"a": c["a"], "b": c["b"]})
@row("transpose")
def _(c): return _op("Transpose", {"x": c["x"]}, perm=[0, 2, 1])
@row("concat")
def _(c): return _op("Concat", {"a": c["a"], "b": c["b"]}, axis=1)
@row("sum")
def _(c): return _op("ReduceSum", {"x": c["x"], "axes": _ints(1)}, keepdims=0)
@row("argmax")
def _(c): return _op("ArgMax", {"x": c["x"]}, TensorProto.INT64, axis=1, keepdims=0)
@row("where")
def _(c):
    return _graph([helper.make_node("Greater", ["x", "zero"], ["positive"]), helper.make_node("Where", ["positive", "x", "other"], ["y"])],
                  {"x": c["x"], "zero": np.zeros(1, np.float32), "other": c["y"]})
@row("einsum")
def _(c): return _op("Einsum", {"a": c["a"], "b": c["b"]}, equation="bij,bjk->bik")
@row("gather")
def _(c): return _op("Gather", {"x": c["x"], "i": c["i"]}, axis=0)
@row("cumsum")
def _(c): return _op("CumSum", {"x": c["x"], "axis": np.array(1, dtype=np.int64)})
@row("one_hot")
def _(c): return _op("OneHot", {"labels": c["labels"], "depth": _ints(10), "values": np.array([0, 1], np.float32)})
@row("clip")
def _(c): return _op("Clip", {"x": c["x"], "low": np.array(-0.5, np.float32), "high": np.array(0.5, np.float32)})


@row("linear")
def _(c): return _op("Gemm", {"x": c["x"], "weight": c["weight"], "bias": c["bias"]}, transB=1)
@row("conv2d", "conv1d")
def _(c): return _op("Conv", {"x": c["x"], "weight": c["weight"], "bias": c["bias"]})
@row("max_pool")
def _(c): return _op("MaxPool", {"x": c["x"]}, kernel_shape=[2, 2], strides=[2, 2])
@row("avg_pool")
def _(c): return _op("AveragePool", {"x": c["x"]}, kernel_shape=[2, 2], strides=[2, 2])
@row("global_avg_pool")
def _(c): return _op("GlobalAveragePool", {"x": c["x"]})[:, :, 0, 0]
@row("flatten")
def _(c): return _op("Flatten", {"x": c["x"]}, axis=1)
@row("embedding")
def _(c): return _op("Gather", {"table": c["table"], "ids": c["ids"]}, axis=0)
@row("dropout")
def _(c): return _op("Dropout", {"x": c["x"], "ratio": np.array(0.5, np.float32)})
@row("upsample")
def _(c):
    return _op("Resize", {"x": c["x"], "roi": np.zeros(0, np.float32), "scales": np.array([1, 1, 2, 2], np.float32)}, mode="nearest")


def _activation(row_id, op_type, **attributes):
    row(row_id)(lambda c: _op(op_type, {"x": c["x"]}, **attributes))


_activation("relu", "Relu")
_activation("gelu", "Gelu")
_activation("gelu_tanh", "Gelu", approximate="tanh")
_activation("sigmoid", "Sigmoid")
_activation("tanh", "Tanh")
_activation("softmax", "Softmax", axis=-1)
_activation("log_softmax", "LogSoftmax", axis=-1)
_activation("leaky_relu", "LeakyRelu", alpha=0.1)
_activation("elu", "Elu")
_activation("softplus", "Softplus")


@row("silu")
def _(c):
    return _graph([helper.make_node("Sigmoid", ["x"], ["gate"]), helper.make_node("Mul", ["x", "gate"], ["y"])], {"x": c["x"]})


@row("batch_norm")
def _(c):
    return _op("BatchNormalization", {name: c[name] for name in ("x", "gamma", "beta", "mean", "variance")}, epsilon=1e-5)
@row("layer_norm")
def _(c): return _op("LayerNormalization", {"x": c["x"], "gamma": c["gamma"], "beta": c["beta"]}, axis=-1, epsilon=1e-5)
@row("group_norm")
def _(c): return _op("GroupNormalization", {"x": c["x"], "gamma": c["gamma"], "beta": c["beta"]}, num_groups=2, epsilon=1e-5)
@row("rms_norm")
def _(c): return _op("RMSNormalization", {"x": c["x"], "gamma": c["gamma"]}, axis=-1, epsilon=1e-6)


def _recurrent(op_type, c, order, **attributes):
    """ONNX's recurrent operators: time-major input, one direction's weights with the gates in `order`
    (a permutation of PyTorch's gate blocks), both biases in one vector; the sequence output back batch-first."""
    def reorder(matrix):
        blocks = np.split(matrix, len(order), axis=0)
        return np.concatenate([blocks[index] for index in order], axis=0)
    inputs = {"x": c["x"].transpose(1, 0, 2), "w": reorder(c["weight_ih"])[None], "r": reorder(c["weight_hh"])[None],
              "b": np.concatenate([reorder(c["bias_ih"]), reorder(c["bias_hh"])])[None]}
    out = _op(op_type, inputs, hidden_size=4, **attributes)  # (time, directions, batch, hidden)
    return out[:, 0].transpose(1, 0, 2)


@row("lstm")
def _(c): return _recurrent("LSTM", c, order=(0, 3, 1, 2))  # PyTorch i, f, g, o; ONNX i, o, f, c
@row("gru")
def _(c): return _recurrent("GRU", c, order=(1, 0, 2), linear_before_reset=1)  # PyTorch r, z, n; ONNX z, r, h
@row("simple_rnn")
def _(c): return _recurrent("RNN", c, order=(0,))


@row("sdpa")
def _(c): return _op("Attention", {"q": c["q"], "k": c["k"], "v": c["v"]})


@row("cross_entropy")
def _(c): return _op("SoftmaxCrossEntropyLoss", {"logits": c["logits"], "labels": c["labels"]}, reduction="mean")


@row("save_weights")
def _(c):
    inputs = {"x": c["x"], "weight": c["weight"], "bias": c["bias"]}
    model = _model([helper.make_node("Gemm", list(inputs), ["y"], transB=1)], inputs)
    with tempfile.TemporaryDirectory() as folder:
        onnx.save(model, Path(folder) / "model.onnx")
        return _run(onnx.load(Path(folder) / "model.onnx"), inputs)
