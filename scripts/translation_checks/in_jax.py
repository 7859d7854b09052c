"""The translation table's JAX column (jax.numpy, Flax NNX, optax), computed in the JAX process. Weights
arrive in PyTorch's layout and are converted as each row's note says."""

import tempfile
from pathlib import Path

import flax.serialization
import jax
import jax.numpy as jnp
import numpy as np
import optax
from flax import nnx

from rosetta.translation.registry import Checks

CHECKS = {"jax": Checks()}
row = CHECKS["jax"].row


def nhwc(x):
    return jnp.transpose(x, (0, 2, 3, 1))


def nchw(x):
    return jnp.transpose(x, (0, 3, 1, 2))


def _set(module, **weights):
    """Replace `module`'s parameters (attribute paths such as "kernel" or "dense_i.bias") by arrays."""
    for path, value in weights.items():
        *owners, name = path.split(".")
        owner = module
        for step in owners:
            owner = getattr(owner, step)
        getattr(owner, name)[...] = jnp.asarray(value)
    return module


def rngs():
    return nnx.Rngs(0)


@row("matmul")
def _(c): return jnp.matmul(c["a"], c["b"])
@row("transpose")
def _(c): return jnp.transpose(c["x"], (0, 2, 1))
@row("concat")
def _(c): return jnp.concatenate([c["a"], c["b"]], axis=1)
@row("sum")
def _(c): return jnp.sum(c["x"], axis=1)
@row("argmax")
def _(c): return jnp.argmax(c["x"], axis=1)
@row("where")
def _(c): return jnp.where(c["x"] > 0, c["x"], c["y"])
@row("einsum")
def _(c): return jnp.einsum("bij,bjk->bik", c["a"], c["b"])
@row("gather")
def _(c): return jnp.take(c["x"], c["i"], axis=0)
@row("cumsum")
def _(c): return jnp.cumsum(c["x"], axis=1)
@row("one_hot")
def _(c): return jax.nn.one_hot(c["labels"], 10)
@row("clip")
def _(c): return jnp.clip(c["x"], -0.5, 0.5)


@row("linear")
def _(c): return _set(nnx.Linear(8, 4, rngs=rngs()), kernel=c["weight"].T, bias=c["bias"])(c["x"])
@row("conv2d")
def _(c):
    conv = _set(nnx.Conv(3, 4, (3, 3), padding="VALID", rngs=rngs()), kernel=c["weight"].transpose(2, 3, 1, 0), bias=c["bias"])
    return nchw(conv(nhwc(c["x"])))
@row("conv1d")
def _(c):
    conv = _set(nnx.Conv(3, 4, (3,), padding="VALID", rngs=rngs()), kernel=c["weight"].transpose(2, 1, 0), bias=c["bias"])
    return jnp.transpose(conv(c["x"].transpose(0, 2, 1)), (0, 2, 1))
@row("max_pool")
def _(c): return nchw(nnx.max_pool(nhwc(c["x"]), (2, 2), strides=(2, 2)))
@row("avg_pool")
def _(c): return nchw(nnx.avg_pool(nhwc(c["x"]), (2, 2), strides=(2, 2)))
@row("global_avg_pool")
def _(c): return jnp.mean(nhwc(c["x"]), axis=(1, 2))
@row("flatten")
def _(c): return jnp.transpose(nhwc(c["x"]), (0, 3, 1, 2)).reshape(len(c["x"]), -1)
@row("embedding")
def _(c): return _set(nnx.Embed(20, 6, rngs=rngs()), embedding=c["table"])(c["ids"])
@row("dropout")
def _(c):
    dropout = nnx.Dropout(0.5, rngs=rngs())
    dropout.eval()
    return dropout(c["x"])
@row("upsample")
def _(c):
    n, ch, h, w = c["x"].shape
    return nchw(jax.image.resize(nhwc(c["x"]), (n, 2 * h, 2 * w, ch), "nearest"))


@row("relu")
def _(c): return jax.nn.relu(c["x"])
@row("gelu")
def _(c): return jax.nn.gelu(c["x"], approximate=False)
@row("gelu_tanh")
def _(c): return jax.nn.gelu(c["x"])
@row("sigmoid")
def _(c): return jax.nn.sigmoid(c["x"])
@row("tanh")
def _(c): return jnp.tanh(c["x"])
@row("softmax")
def _(c): return jax.nn.softmax(c["x"])
@row("log_softmax")
def _(c): return jax.nn.log_softmax(c["x"])
@row("silu")
def _(c): return jax.nn.silu(c["x"])
@row("leaky_relu")
def _(c): return jax.nn.leaky_relu(c["x"], 0.1)
@row("elu")
def _(c): return jax.nn.elu(c["x"])
@row("softplus")
def _(c): return jax.nn.softplus(c["x"])


@row("batch_norm")
def _(c):
    norm = nnx.BatchNorm(4, use_running_average=True, rngs=rngs())
    _set(norm, scale=c["gamma"], bias=c["beta"], mean=c["mean"], var=c["variance"])
    return nchw(norm(nhwc(c["x"])))
@row("layer_norm")
def _(c): return _set(nnx.LayerNorm(8, epsilon=1e-5, rngs=rngs()), scale=c["gamma"], bias=c["beta"])(c["x"])
@row("group_norm")
def _(c):
    norm = _set(nnx.GroupNorm(4, num_groups=2, epsilon=1e-5, rngs=rngs()), scale=c["gamma"], bias=c["beta"])
    return nchw(norm(nhwc(c["x"])))
@row("rms_norm")
def _(c): return _set(nnx.RMSNorm(8, rngs=rngs()), scale=c["gamma"])(c["x"])


# Recurrent layers: Flax's cells hold an input and a recurrent dense layer; only one of them has a bias.
def _cell(cell, c, biased: str):
    weights = {"dense_i.kernel": c["weight_ih"].T, "dense_h.kernel": c["weight_hh"].T, f"{biased}.bias": c["bias_ih"] + c["bias_hh"]}
    return nnx.RNN(_set(cell(5, 4, rngs=rngs()), **weights))(c["x"])


row("lstm")(lambda c: _cell(nnx.OptimizedLSTMCell, c, "dense_h"))
row("gru")(lambda c: _cell(nnx.GRUCell, c, "dense_i"))
row("simple_rnn")(lambda c: _cell(nnx.SimpleCell, c, "dense_i"))


@row("sdpa")
def _(c):
    q, k, v = (jnp.transpose(c[name], (0, 2, 1, 3)) for name in ("q", "k", "v"))
    return jnp.transpose(jax.nn.dot_product_attention(q, k, v), (0, 2, 1, 3))
@row("mha")
def _(c):
    attention = nnx.MultiHeadAttention(2, 8, decode=False, rngs=rngs())
    for name, w, b in zip(("query", "key", "value"), np.split(c["in_proj_weight"], 3), np.split(c["in_proj_bias"], 3)):
        _set(attention, **{f"{name}.kernel": w.T.reshape(8, 2, 4), f"{name}.bias": b.reshape(2, 4)})
    _set(attention, **{"out.kernel": c["out_weight"].T.reshape(2, 4, 8), "out.bias": c["out_bias"]})
    return attention(c["x"])


@row("cross_entropy")
def _(c): return optax.softmax_cross_entropy_with_integer_labels(c["logits"], c["labels"]).mean()
@row("binary_cross_entropy")
def _(c): return optax.sigmoid_binary_cross_entropy(c["logits"], c["labels"]).mean()
@row("mse")
def _(c): return optax.squared_error(c["p"], c["y"]).mean()
@row("huber")
def _(c): return optax.huber_loss(c["p"], c["y"]).mean()
@row("kl_divergence")
def _(c): return optax.kl_divergence(c["log_p"], c["q"]).mean()


def _steps(optimizer, c):
    w = jnp.asarray(c["w"])
    state = optimizer.init(w)
    for gradient in c["gradients"]:
        updates, state = optimizer.update(jnp.asarray(gradient), state, w)
        w = optax.apply_updates(w, updates)
    return w


@row("sgd")
def _(c): return _steps(optax.sgd(0.1, momentum=0.9), c)
@row("adam")
def _(c): return _steps(optax.adam(0.01), c)
@row("adamw")
def _(c): return _steps(optax.adamw(0.01, weight_decay=0.01), c)
@row("rmsprop")
def _(c): return _steps(optax.rmsprop(0.01, decay=0.9, eps=1e-10), c)
@row("cosine_decay")
def _(c): return jnp.array([optax.cosine_decay_schedule(0.1, 10)(step) for step in range(11)])


@row("glorot_uniform")
def _(c): return jnp.abs(jax.nn.initializers.glorot_uniform()(jax.random.key(0), (300, 400))).max()
@row("he_normal")
def _(c): return jnp.std(jax.nn.initializers.he_normal()(jax.random.key(0), (300, 400)))


@row("batches")
def _(c):
    x = c["x"]
    return [x[i : i + 4] for i in range(0, len(x), 4)][-1]
@row("save_weights")
def _(c):
    model = _set(nnx.Linear(8, 4, rngs=rngs()), kernel=c["weight"].T, bias=c["bias"])
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "model.msgpack"
        path.write_bytes(flax.serialization.msgpack_serialize(nnx.state(model).to_pure_dict()))
        reloaded = nnx.Linear(8, 4, rngs=nnx.Rngs(1))
        state = nnx.state(reloaded)
        nnx.replace_by_pure_dict(state, flax.serialization.msgpack_restore(path.read_bytes()))
        nnx.update(reloaded, state)
    return reloaded(c["x"])
