"""Weight recipes, PyTorch <-> Flax NNX: one pair of functions per layer, each proved.

Copy the pair you need. `*_to_flax(module, layer)` fills a Flax NNX layer from a PyTorch
module and `*_to_torch(layer, module)` does the reverse; both must exist, with the same
sizes. Every pair is checked below on random weights: the Flax layer's output against
PyTorch's, then a fresh PyTorch module filled back.
"""

import itertools

import jax.numpy as jnp
import numpy as np
import torch
from flax import nnx


def numpy(tensor: torch.Tensor) -> np.ndarray:
    return tensor.detach().cpu().numpy()


def fill(module: torch.nn.Module, **arrays) -> None:
    """Copy arrays into a PyTorch module's parameters and buffers, by name."""
    state = module.state_dict()
    with torch.no_grad():
        for name, array in arrays.items():
            state[name].copy_(torch.from_numpy(np.array(array)))


def variable(layer: nnx.Module, path: str) -> nnx.Variable:
    """A Flax layer's variable by its path: "kernel", "dense_i.bias", ..."""
    for step in path.split("."):
        layer = getattr(layer, step)
    return layer


def put(layer: nnx.Module, **arrays) -> None:
    """Set a Flax layer's variables; "dense_i__kernel" is "dense_i.kernel"."""
    for path, array in arrays.items():
        variable(layer, path.replace("__", "."))[...] = jnp.asarray(array)


def get(layer: nnx.Module, path: str) -> np.ndarray:
    return np.asarray(variable(layer, path)[...])


# Linear (out, in) <-> nnx.Linear kernel (in, out)
def linear_to_flax(linear, layer):
    put(layer, kernel=numpy(linear.weight).T, bias=numpy(linear.bias))


def linear_to_torch(layer, linear):
    fill(linear, weight=get(layer, "kernel").T, bias=get(layer, "bias"))


# Conv2d (out, in, kh, kw) <-> nnx.Conv kernel (kh, kw, in, out); images NCHW <-> NHWC
def conv2d_to_flax(conv, layer):
    put(layer, kernel=numpy(conv.weight).transpose(2, 3, 1, 0), bias=numpy(conv.bias))


def conv2d_to_torch(layer, conv):
    fill(conv, weight=get(layer, "kernel").transpose(3, 2, 0, 1),
         bias=get(layer, "bias"))


# BatchNorm2d <-> nnx.BatchNorm(epsilon=eps, momentum=1 - momentum)
def batchnorm_to_flax(norm, layer):
    put(layer, scale=numpy(norm.weight), bias=numpy(norm.bias),
        mean=numpy(norm.running_mean), var=numpy(norm.running_var))


def batchnorm_to_torch(layer, norm):
    fill(norm, weight=get(layer, "scale"), bias=get(layer, "bias"),
         running_mean=get(layer, "mean"), running_var=get(layer, "var"))


# LSTM <-> nnx.OptimizedLSTMCell: gates i, f, g, o in both; Flax's one bias is on its
# recurrent dense layer, and is the sum of PyTorch's two
def lstm_to_flax(lstm, cell):
    put(cell, dense_i__kernel=numpy(lstm.weight_ih_l0).T,
        dense_h__kernel=numpy(lstm.weight_hh_l0).T,
        dense_h__bias=numpy(lstm.bias_ih_l0 + lstm.bias_hh_l0))


def lstm_to_torch(cell, lstm):
    bias = get(cell, "dense_h.bias")
    fill(lstm, weight_ih_l0=get(cell, "dense_i.kernel").T,
         weight_hh_l0=get(cell, "dense_h.kernel").T,
         bias_ih_l0=bias, bias_hh_l0=np.zeros_like(bias))


# GRU <-> nnx.GRUCell: gates r, z, n in both, but Flax's recurrent dense layer has no
# bias, so PyTorch's recurrent bias of n (inside r * (...)) must be zero
def gru_to_flax(gru, cell):
    recurrent_bias = numpy(gru.bias_hh_l0)
    reset_update, new = np.split(recurrent_bias, [2 * gru.hidden_size])
    if np.any(new):
        raise ValueError("Flax's GRUCell cannot hold PyTorch's recurrent bias of n")
    put(cell, dense_i__kernel=numpy(gru.weight_ih_l0).T,
        dense_h__kernel=numpy(gru.weight_hh_l0).T,
        dense_i__bias=numpy(gru.bias_ih_l0) + np.concatenate([reset_update, new]))


def gru_to_torch(cell, gru):
    bias = get(cell, "dense_i.bias")
    fill(gru, weight_ih_l0=get(cell, "dense_i.kernel").T,
         weight_hh_l0=get(cell, "dense_h.kernel").T,
         bias_ih_l0=bias, bias_hh_l0=np.zeros_like(bias))


# Embedding <-> nnx.Embed: the same (vocabulary, dimension) table
def embedding_to_flax(embedding, layer):
    put(layer, embedding=numpy(embedding.weight))


def embedding_to_torch(layer, embedding):
    fill(embedding, weight=get(layer, "embedding"))


# MultiheadAttention(E, H, batch_first=True) <-> nnx.MultiHeadAttention(H, E): PyTorch
# stacks q, k, v in in_proj_weight (3E, E); Flax keeps a kernel (E, H, E // H) and a
# bias (H, E // H) for each, then an output kernel (H, E // H, E).
def attention_to_flax(attention, layer):
    heads, size = attention.num_heads, attention.embed_dim
    kernels = np.split(numpy(attention.in_proj_weight), 3)
    biases = np.split(numpy(attention.in_proj_bias), 3)
    for name, kernel, bias in zip(("query", "key", "value"), kernels, biases):
        put(layer, **{f"{name}__kernel": kernel.T.reshape(size, heads, -1),
                      f"{name}__bias": bias.reshape(heads, -1)})
    put(layer, out__kernel=numpy(attention.out_proj.weight).T.reshape(heads, -1, size),
        out__bias=numpy(attention.out_proj.bias))


def attention_to_torch(layer, attention):
    size = attention.embed_dim
    names = ("query", "key", "value")
    kernels = [get(layer, f"{name}.kernel").reshape(size, size).T for name in names]
    biases = [get(layer, f"{name}.bias").reshape(size) for name in names]
    fill(attention, in_proj_weight=np.concatenate(kernels),
         in_proj_bias=np.concatenate(biases),
         **{"out_proj.weight": get(layer, "out.kernel").reshape(size, size).T,
            "out_proj.bias": get(layer, "out.bias")})


# ---- The proof: each pair on random weights ----------------------------------------

rng, seeds = np.random.default_rng(0), itertools.count()
images = rng.normal(size=(2, 8, 8, 3)).astype(np.float32)  # NHWC; PyTorch gets NCHW
sequences = rng.normal(size=(2, 5, 6)).astype(np.float32)
tokens = rng.integers(0, 20, (2, 5))
rngs = nnx.Rngs(0)


def batchnorm() -> torch.nn.BatchNorm2d:
    """A BatchNorm2d with running statistics as training would leave them."""
    norm, stats = torch.nn.BatchNorm2d(3), np.random.default_rng(next(seeds))
    fill(norm, weight=stats.normal(size=3), bias=stats.normal(size=3),
         running_mean=stats.normal(size=3), running_var=stats.uniform(0.5, 2, 3))
    return norm


def gru() -> torch.nn.GRU:
    """A GRU whose recurrent bias of n is zero: what Flax's GRUCell can hold."""
    module = torch.nn.GRU(6, 4, batch_first=True)
    with torch.no_grad():
        module.bias_hh_l0[8:] = 0.0
    return module


def on_images(module, x):
    out = module(torch.from_numpy(x.transpose(0, 3, 1, 2)))  # NCHW in, NHWC back
    return numpy(out).transpose(0, 2, 3, 1)


def on_sequences(module, x):
    out = module(torch.from_numpy(x))
    return numpy(out[0] if isinstance(out, tuple) else out)


def attention_on_sequences(module, x):
    return numpy(module(*[torch.from_numpy(x)] * 3, need_weights=False)[0])


# Each: a PyTorch module (made fresh), a Flax layer and how it runs, an input, how
# PyTorch runs it, the two recipes.
lstm_cell = nnx.OptimizedLSTMCell(6, 4, rngs=rngs)
gru_cell = nnx.GRUCell(6, 4, rngs=rngs)
CASES = [
    ("Linear <-> nnx.Linear", lambda: torch.nn.Linear(6, 4),
     nnx.Linear(6, 4, rngs=rngs), None, sequences, on_sequences,
     linear_to_flax, linear_to_torch),
    ("Conv2d <-> nnx.Conv", lambda: torch.nn.Conv2d(3, 4, 3),
     nnx.Conv(3, 4, (3, 3), padding="VALID", rngs=rngs),
     None, images, on_images, conv2d_to_flax, conv2d_to_torch),
    ("BatchNorm2d <-> nnx.BatchNorm", batchnorm,
     nnx.BatchNorm(3, epsilon=1e-5, momentum=0.9, use_running_average=True, rngs=rngs),
     None, images, on_images, batchnorm_to_flax, batchnorm_to_torch),
    ("LSTM <-> nnx.OptimizedLSTMCell", lambda: torch.nn.LSTM(6, 4, batch_first=True),
     lstm_cell, nnx.RNN(lstm_cell), sequences, on_sequences,
     lstm_to_flax, lstm_to_torch),
    ("GRU <-> nnx.GRUCell", gru, gru_cell, nnx.RNN(gru_cell),
     sequences, on_sequences, gru_to_flax, gru_to_torch),
    ("Embedding <-> nnx.Embed", lambda: torch.nn.Embedding(20, 4),
     nnx.Embed(20, 4, rngs=rngs), None, tokens, on_sequences,
     embedding_to_flax, embedding_to_torch),
    ("MultiheadAttention <-> nnx.MultiHeadAttention",
     lambda: torch.nn.MultiheadAttention(6, 2, batch_first=True),
     nnx.MultiHeadAttention(2, 6, decode=False, rngs=rngs), None,
     sequences, attention_on_sequences, attention_to_flax, attention_to_torch),
]

torch.manual_seed(0)
for name, make, layer, runner, x, run, to_flax, to_torch in CASES:
    original = make().eval()
    expected = run(original, x)
    to_flax(original, layer)
    there = np.abs(np.asarray((runner or layer)(x)) - expected).max()
    fresh = make().eval()  # other random weights, replaced by the Flax ones
    to_torch(layer, fresh)
    back = np.abs(run(fresh, x) - expected).max()
    print(f"{name:46} to Flax: {there:.1e}   back: {back:.1e}")
