"""The translation table's TensorFlow and Keras columns, computed (Keras on its TensorFlow backend, in the
TensorFlow process). Weights arrive in PyTorch's layout and are converted as each row's note says."""

import tempfile
from pathlib import Path

import keras
import numpy as np
import tensorflow as tf

from rosetta.translation.registry import Checks

CHECKS = {"tensorflow": Checks(), "keras": Checks()}
raw, kr = CHECKS["tensorflow"].row, CHECKS["keras"].row
ops = keras.ops


def nhwc(x):
    return np.transpose(x, (0, 2, 3, 1))


def nchw(x):
    return np.transpose(np.asarray(x), (0, 3, 1, 2))


def _built(layer, inputs, weights):
    """`layer` built for `inputs`, its weights set (in the layer's own order), called in inference mode."""
    layer.build(inputs.shape)
    layer.set_weights(weights)
    return layer(inputs, training=False)


# Tensors and ops: the same call in raw TensorFlow and keras.ops.
def _both(row_id, raw_op, keras_op):
    raw(row_id)(raw_op)
    kr(row_id)(keras_op)


_both("matmul", lambda c: tf.linalg.matmul(c["a"], c["b"]), lambda c: ops.matmul(c["a"], c["b"]))
_both("transpose", lambda c: tf.transpose(c["x"], [0, 2, 1]), lambda c: ops.transpose(c["x"], (0, 2, 1)))
_both("concat", lambda c: tf.concat([c["a"], c["b"]], axis=1), lambda c: ops.concatenate([c["a"], c["b"]], axis=1))
_both("sum", lambda c: tf.reduce_sum(c["x"], axis=1), lambda c: ops.sum(c["x"], axis=1))
_both("argmax", lambda c: tf.math.argmax(c["x"], axis=1), lambda c: ops.argmax(c["x"], axis=1))
_both("where", lambda c: tf.where(c["x"] > 0, c["x"], c["y"]), lambda c: ops.where(c["x"] > 0, c["x"], c["y"]))
_both("einsum", lambda c: tf.einsum("bij,bjk->bik", c["a"], c["b"]), lambda c: ops.einsum("bij,bjk->bik", c["a"], c["b"]))
_both("gather", lambda c: tf.gather(c["x"], c["i"]), lambda c: ops.take(c["x"], c["i"], axis=0))
_both("cumsum", lambda c: tf.math.cumsum(c["x"], axis=1), lambda c: ops.cumsum(c["x"], axis=1))
_both("one_hot", lambda c: tf.one_hot(c["labels"], 10), lambda c: ops.one_hot(c["labels"], 10))
_both("clip", lambda c: tf.clip_by_value(c["x"], -0.5, 0.5), lambda c: ops.clip(c["x"], -0.5, 0.5))

# Activations
_both("relu", lambda c: tf.nn.relu(c["x"]), lambda c: keras.activations.relu(c["x"]))
_both("gelu", lambda c: tf.nn.gelu(c["x"], approximate=False), lambda c: keras.activations.gelu(c["x"]))
_both("gelu_tanh", lambda c: tf.nn.gelu(c["x"], approximate=True), lambda c: ops.gelu(c["x"]))
_both("sigmoid", lambda c: tf.math.sigmoid(c["x"]), lambda c: keras.activations.sigmoid(c["x"]))
_both("tanh", lambda c: tf.math.tanh(c["x"]), lambda c: keras.activations.tanh(c["x"]))
_both("softmax", lambda c: tf.nn.softmax(c["x"]), lambda c: keras.activations.softmax(c["x"]))
_both("log_softmax", lambda c: tf.nn.log_softmax(c["x"]), lambda c: keras.activations.log_softmax(c["x"]))
_both("silu", lambda c: tf.nn.silu(c["x"]), lambda c: keras.activations.silu(c["x"]))
_both("leaky_relu", lambda c: tf.nn.leaky_relu(c["x"], alpha=0.1), lambda c: keras.layers.LeakyReLU(negative_slope=0.1)(c["x"]))
_both("elu", lambda c: tf.nn.elu(c["x"]), lambda c: keras.activations.elu(c["x"]))
_both("softplus", lambda c: tf.math.softplus(c["x"]), lambda c: keras.activations.softplus(c["x"]))


# Layers
@raw("linear")
def _(c): return tf.nn.bias_add(tf.linalg.matmul(c["x"], c["weight"].T), c["bias"])
@kr("linear")
def _(c): return _built(keras.layers.Dense(4), c["x"], [c["weight"].T, c["bias"]])
@raw("conv2d")
def _(c): return nchw(tf.nn.bias_add(tf.nn.conv2d(nhwc(c["x"]), c["weight"].transpose(2, 3, 1, 0), 1, "VALID"), c["bias"]))
@kr("conv2d")
def _(c): return nchw(_built(keras.layers.Conv2D(4, 3), nhwc(c["x"]), [c["weight"].transpose(2, 3, 1, 0), c["bias"]]))
@raw("conv1d")
def _(c):
    out = tf.nn.conv1d(c["x"].transpose(0, 2, 1), c["weight"].transpose(2, 1, 0), 1, "VALID")
    return np.transpose(tf.nn.bias_add(out, c["bias"]), (0, 2, 1))
@kr("conv1d")
def _(c):
    out = _built(keras.layers.Conv1D(4, 3), c["x"].transpose(0, 2, 1), [c["weight"].transpose(2, 1, 0), c["bias"]])
    return np.transpose(out, (0, 2, 1))
@raw("max_pool")
def _(c): return nchw(tf.nn.max_pool2d(nhwc(c["x"]), 2, 2, "VALID"))
@kr("max_pool")
def _(c): return nchw(keras.layers.MaxPooling2D(2)(nhwc(c["x"])))
@raw("avg_pool")
def _(c): return nchw(tf.nn.avg_pool2d(nhwc(c["x"]), 2, 2, "VALID"))
@kr("avg_pool")
def _(c): return nchw(keras.layers.AveragePooling2D(2)(nhwc(c["x"])))
@raw("global_avg_pool")
def _(c): return tf.reduce_mean(nhwc(c["x"]), axis=[1, 2])
@kr("global_avg_pool")
def _(c): return keras.layers.GlobalAveragePooling2D()(nhwc(c["x"]))
@raw("flatten")
def _(c): return tf.reshape(tf.transpose(nhwc(c["x"]), [0, 3, 1, 2]), [len(c["x"]), -1])
@kr("flatten")
def _(c): return keras.layers.Flatten()(keras.layers.Permute((3, 1, 2))(nhwc(c["x"])))
@raw("embedding")
def _(c): return tf.nn.embedding_lookup(c["table"], c["ids"])
@kr("embedding")
def _(c): return _built(keras.layers.Embedding(20, 6), c["ids"], [c["table"]])
@kr("dropout")
def _(c): return keras.layers.Dropout(0.5)(c["x"], training=False)
@raw("upsample")
def _(c):
    _, _, h, w = c["x"].shape
    return nchw(tf.image.resize(nhwc(c["x"]), [2 * h, 2 * w], method="nearest"))
@kr("upsample")
def _(c): return nchw(keras.layers.UpSampling2D(2)(nhwc(c["x"])))


# Normalization
@raw("batch_norm")
def _(c):
    return nchw(tf.nn.batch_normalization(nhwc(c["x"]), c["mean"], c["variance"], c["beta"], c["gamma"], 1e-5))
@kr("batch_norm")
def _(c):
    norm = keras.layers.BatchNormalization(epsilon=1e-5, momentum=0.9)
    return nchw(_built(norm, nhwc(c["x"]), [c["gamma"], c["beta"], c["mean"], c["variance"]]))
@kr("layer_norm")
def _(c): return _built(keras.layers.LayerNormalization(epsilon=1e-5), c["x"], [c["gamma"], c["beta"]])
@kr("group_norm")
def _(c):
    return nchw(_built(keras.layers.GroupNormalization(2, epsilon=1e-5), nhwc(c["x"]), [c["gamma"], c["beta"]]))
@kr("rms_norm")
def _(c): return _built(keras.layers.RMSNormalization(), c["x"], [c["gamma"]])


# Recurrent layers: Keras keeps one bias; its GRU orders the gates z, r, h where PyTorch has r, z, n.
def _one_bias(layer, c):
    weights = [c["weight_ih"].T, c["weight_hh"].T, c["bias_ih"] + c["bias_hh"]]
    return _built(layer(4, return_sequences=True), c["x"], weights)


kr("lstm")(lambda c: _one_bias(keras.layers.LSTM, c))
kr("simple_rnn")(lambda c: _one_bias(keras.layers.SimpleRNN, c))


@kr("gru")
def _(c):
    def z_r_n(matrix):
        r, z, n = np.split(matrix, 3, axis=0)
        return np.concatenate([z, r, n], axis=0)
    weights = [z_r_n(c["weight_ih"]).T, z_r_n(c["weight_hh"]).T, np.stack([z_r_n(c["bias_ih"]), z_r_n(c["bias_hh"])])]
    return _built(keras.layers.GRU(4, return_sequences=True), c["x"], weights)


# Attention: Keras puts the heads after the sequence.
@kr("sdpa")
def _(c):
    q, k, v = (np.transpose(c[name], (0, 2, 1, 3)) for name in ("q", "k", "v"))
    return np.transpose(ops.dot_product_attention(q, k, v), (0, 2, 1, 3))
@kr("mha")
def _(c):
    layer = keras.layers.MultiHeadAttention(2, 4)
    x = c["x"]
    layer.build(x.shape, x.shape)
    weights = []
    for w, b in zip(np.split(c["in_proj_weight"], 3), np.split(c["in_proj_bias"], 3)):
        weights += [w.T.reshape(8, 2, 4), b.reshape(2, 4)]  # (in, heads, head size)
    layer.set_weights(weights + [c["out_weight"].T.reshape(2, 4, 8), c["out_bias"]])
    return layer(x, x)


# Losses
@raw("cross_entropy")
def _(c): return tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(c["labels"], c["logits"]))
@kr("cross_entropy")
def _(c): return keras.losses.SparseCategoricalCrossentropy(from_logits=True)(c["labels"], c["logits"])
@raw("binary_cross_entropy")
def _(c): return tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(c["labels"], c["logits"]))
@kr("binary_cross_entropy")
def _(c): return keras.losses.BinaryCrossentropy(from_logits=True)(c["labels"], c["logits"])
@raw("mse")
def _(c): return tf.reduce_mean(tf.square(c["y"] - c["p"]))
@kr("mse")
def _(c): return keras.losses.MeanSquaredError()(c["y"], c["p"])
@kr("huber")
def _(c): return keras.losses.Huber()(c["y"], c["p"])
@kr("kl_divergence")
def _(c): return keras.losses.KLDivergence()(c["q"], np.exp(c["log_p"]))


# Optimizers and schedules
def _steps(optimizer, c):
    w = keras.Variable(c["w"])
    for gradient in c["gradients"]:
        optimizer.apply([gradient], [w])
    return w


@kr("sgd")
def _(c): return _steps(keras.optimizers.SGD(0.1, momentum=0.9), c)
@kr("adam")
def _(c): return _steps(keras.optimizers.Adam(0.01, epsilon=1e-8), c)
@kr("adamw")
def _(c): return _steps(keras.optimizers.AdamW(0.01, weight_decay=0.01, epsilon=1e-8), c)
@kr("rmsprop")
def _(c): return _steps(keras.optimizers.RMSprop(0.01, rho=0.9, epsilon=1e-10), c)
@kr("cosine_decay")
def _(c):
    schedule = keras.optimizers.schedules.CosineDecay(0.1, 10)
    return [float(schedule(step)) for step in range(11)]


# Initializers
@kr("glorot_uniform")
def _(c): return np.abs(keras.initializers.GlorotUniform(seed=0)((300, 400))).max()
@kr("he_normal")
def _(c): return np.std(keras.initializers.HeNormal(seed=0)((300, 400)))


# Data and saving
@raw("batches")
def _(c): return list(tf.data.Dataset.from_tensor_slices(c["x"]).batch(4))[-1]
@raw("save_weights")
def _(c):
    weights = {"kernel": tf.Variable(c["weight"].T), "bias": tf.Variable(c["bias"])}
    reloaded = {"kernel": tf.Variable(tf.zeros((8, 4))), "bias": tf.Variable(tf.zeros(4))}
    with tempfile.TemporaryDirectory() as folder:
        path = tf.train.Checkpoint(**weights).write(str(Path(folder) / "model"))
        tf.train.Checkpoint(**reloaded).read(path).assert_consumed()
    return tf.nn.bias_add(tf.linalg.matmul(c["x"], reloaded["kernel"]), reloaded["bias"])
@kr("save_weights")
def _(c):
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(4)])
    model.set_weights([c["weight"].T, c["bias"]])
    reloaded = keras.Sequential([keras.Input((8,)), keras.layers.Dense(4)])
    with tempfile.TemporaryDirectory() as folder:
        model.save_weights(Path(folder) / "model.weights.h5")
        reloaded.load_weights(Path(folder) / "model.weights.h5")
    return reloaded(c["x"])
