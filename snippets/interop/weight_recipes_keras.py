"""Weight recipes, PyTorch <-> Keras 3: one pair of functions per layer, each proved.

Copy the pair you need. `*_to_keras(module)` returns the list that the Keras layer's
set_weights takes; `*_to_torch(weights, module)` fills a PyTorch module from the
layer's get_weights(). Every pair is checked below on random weights: the Keras
layer's output against PyTorch's, then a fresh PyTorch module filled back.
"""

import itertools
import os

os.environ["KERAS_BACKEND"] = "torch"  # any backend: the recipes use NumPy arrays

import keras
import numpy as np
import torch


def numpy(tensor: torch.Tensor) -> np.ndarray:
    return tensor.detach().cpu().numpy()


def fill(module: torch.nn.Module, **arrays: np.ndarray) -> None:
    """Copy NumPy arrays into a module's parameters and buffers, by name."""
    state = module.state_dict()
    with torch.no_grad():
        for name, array in arrays.items():
            state[name].copy_(torch.from_numpy(np.ascontiguousarray(array)))


# Linear (out, in) <-> Dense kernel (in, out)
def linear_to_keras(linear):
    return [numpy(linear.weight).T, numpy(linear.bias)]


def linear_to_torch(weights, linear):
    fill(linear, weight=weights[0].T, bias=weights[1])


# Conv2d (out, in, kh, kw) <-> Conv2D kernel (kh, kw, in, out); images NCHW <-> NHWC
def conv2d_to_keras(conv):
    return [numpy(conv.weight).transpose(2, 3, 1, 0), numpy(conv.bias)]


def conv2d_to_torch(weights, conv):
    fill(conv, weight=weights[0].transpose(3, 2, 0, 1), bias=weights[1])


# BatchNorm2d <-> BatchNormalization(epsilon=eps, momentum=1 - momentum)
def batchnorm_to_keras(norm):
    return [numpy(norm.weight), numpy(norm.bias),
            numpy(norm.running_mean), numpy(norm.running_var)]


def batchnorm_to_torch(weights, norm):
    gamma, beta, mean, variance = weights
    fill(norm, weight=gamma, bias=beta, running_mean=mean, running_var=variance)


# LSTM: gates i, f, g, o in both; Keras keeps one bias, the sum of PyTorch's two
def lstm_to_keras(lstm):
    return [numpy(lstm.weight_ih_l0).T, numpy(lstm.weight_hh_l0).T,
            numpy(lstm.bias_ih_l0 + lstm.bias_hh_l0)]


def lstm_to_torch(weights, lstm):
    kernel, recurrent, bias = weights
    fill(lstm, weight_ih_l0=kernel.T, weight_hh_l0=recurrent.T,
         bias_ih_l0=bias, bias_hh_l0=np.zeros_like(bias))


# GRU: gates r, z, n in PyTorch, z, r, n in Keras (reset_after=True, two biases)
def swap_first_two_gates(blocks):
    first, second, third = np.split(blocks, 3, axis=0)
    return np.concatenate([second, first, third], axis=0)


def gru_to_keras(gru):
    w_ih, w_hh = numpy(gru.weight_ih_l0), numpy(gru.weight_hh_l0)
    biases = [numpy(gru.bias_ih_l0), numpy(gru.bias_hh_l0)]
    return [swap_first_two_gates(w_ih).T, swap_first_two_gates(w_hh).T,
            np.stack([swap_first_two_gates(bias) for bias in biases])]


def gru_to_torch(weights, gru):
    kernel, recurrent, biases = weights
    fill(gru, weight_ih_l0=swap_first_two_gates(kernel.T),
         weight_hh_l0=swap_first_two_gates(recurrent.T),
         bias_ih_l0=swap_first_two_gates(biases[0]),
         bias_hh_l0=swap_first_two_gates(biases[1]))


# Embedding: the same (vocabulary, dimension) table
def embedding_to_keras(embedding):
    return [numpy(embedding.weight)]


def embedding_to_torch(weights, embedding):
    fill(embedding, weight=weights[0])


# MultiheadAttention(E, H, batch_first=True) <-> MultiHeadAttention(H, key_dim=E // H):
# PyTorch stacks q, k, v in in_proj_weight (3E, E); Keras keeps a kernel (E, H, E // H)
# and a bias (H, E // H) for each, then an output kernel (H, E // H, E).
def attention_to_keras(attention):
    heads, size = attention.num_heads, attention.embed_dim
    weights = []
    kernels = np.split(numpy(attention.in_proj_weight), 3)
    for kernel, bias in zip(kernels, np.split(numpy(attention.in_proj_bias), 3)):
        weights += [kernel.T.reshape(size, heads, -1), bias.reshape(heads, -1)]
    output = numpy(attention.out_proj.weight).T.reshape(heads, -1, size)
    return weights + [output, numpy(attention.out_proj.bias)]


def attention_to_torch(weights, attention):
    size = attention.embed_dim
    kernels = [weights[i].reshape(size, size).T for i in (0, 2, 4)]
    biases = [weights[i].reshape(size) for i in (1, 3, 5)]
    fill(attention, in_proj_weight=np.concatenate(kernels),
         in_proj_bias=np.concatenate(biases),
         **{"out_proj.weight": weights[6].reshape(size, size).T,
            "out_proj.bias": weights[7]})


# ---- The proof: each pair on random weights ----------------------------------------

rng, seeds = np.random.default_rng(0), itertools.count()
images = rng.normal(size=(2, 8, 8, 3)).astype(np.float32)  # NHWC; PyTorch gets NCHW
sequences = rng.normal(size=(2, 5, 6)).astype(np.float32)
tokens = rng.integers(0, 20, (2, 5))


def batchnorm(seed: int) -> torch.nn.BatchNorm2d:
    """A BatchNorm2d with running statistics as training would leave them."""
    norm, stats = torch.nn.BatchNorm2d(3), np.random.default_rng(seed)
    fill(norm, weight=stats.normal(size=3), bias=stats.normal(size=3),
         running_mean=stats.normal(size=3), running_var=stats.uniform(0.5, 2, 3))
    return norm


def on_images(module, x):
    out = module(torch.from_numpy(x.transpose(0, 3, 1, 2)))  # NCHW in, NHWC back
    return numpy(out).transpose(0, 2, 3, 1)


def on_sequences(module, x):
    out = module(torch.from_numpy(x))
    return numpy(out[0] if isinstance(out, tuple) else out)


def attention_on_sequences(module, x):
    return numpy(module(*[torch.from_numpy(x)] * 3, need_weights=False)[0])


# Each: a PyTorch module (made fresh), a Keras layer, an input, how PyTorch runs it,
# the two recipes.
CASES = [
    ("Linear <-> Dense", lambda: torch.nn.Linear(6, 4), keras.layers.Dense(4),
     sequences, on_sequences, linear_to_keras, linear_to_torch),
    ("Conv2d <-> Conv2D", lambda: torch.nn.Conv2d(3, 4, 3), keras.layers.Conv2D(4, 3),
     images, on_images, conv2d_to_keras, conv2d_to_torch),
    ("BatchNorm2d <-> BatchNormalization", lambda: batchnorm(next(seeds)),
     keras.layers.BatchNormalization(epsilon=1e-5, momentum=0.9),
     images, on_images, batchnorm_to_keras, batchnorm_to_torch),
    ("LSTM <-> LSTM", lambda: torch.nn.LSTM(6, 4, batch_first=True),
     keras.layers.LSTM(4, return_sequences=True),
     sequences, on_sequences, lstm_to_keras, lstm_to_torch),
    ("GRU <-> GRU", lambda: torch.nn.GRU(6, 4, batch_first=True),
     keras.layers.GRU(4, return_sequences=True),
     sequences, on_sequences, gru_to_keras, gru_to_torch),
    ("Embedding <-> Embedding", lambda: torch.nn.Embedding(20, 4),
     keras.layers.Embedding(20, 4), tokens, on_sequences,
     embedding_to_keras, embedding_to_torch),
    ("MultiheadAttention <-> MultiHeadAttention",
     lambda: torch.nn.MultiheadAttention(6, 2, batch_first=True),
     keras.layers.MultiHeadAttention(2, 3),
     sequences, attention_on_sequences, attention_to_keras, attention_to_torch),
]

torch.manual_seed(0)
for name, make, layer, x, run, to_keras, to_torch in CASES:
    def on_keras(x=x, layer=layer):
        attention = isinstance(layer, keras.layers.MultiHeadAttention)
        out = layer(x, x) if attention else layer(x)
        return keras.ops.convert_to_numpy(out)

    original = make().eval()
    expected = run(original, x)
    on_keras()  # builds the layer
    layer.set_weights(to_keras(original))
    there = np.abs(on_keras() - expected).max()
    fresh = make().eval()  # other random weights, replaced by the Keras layer's
    to_torch(layer.get_weights(), fresh)
    back = np.abs(run(fresh, x) - expected).max()
    print(f"{name:42} to Keras: {there:.1e}   back: {back:.1e}")
