"""The inputs and weights every framework's check of a row receives: NumPy arrays in PyTorch's layout.

Images are NCHW, sequences batch-first, weights as PyTorch stores them; each framework's check
converts them the way its row's note says (the conversion a reader porting a model must do).
Every row draws from its own generator, seeded by its id, so adding a row changes no other row.
"""

import zlib

import numpy as np


def _normal(rng, *shape):
    return rng.standard_normal(shape).astype(np.float32)


def _uniform(rng, *shape, low=-1.0, high=1.0):
    return rng.uniform(low, high, shape).astype(np.float32)


def _ids(rng, high, *shape):
    return rng.integers(0, high, shape).astype(np.int64)


def _dense(rng, inputs, outputs):
    return {"weight": _uniform(rng, outputs, inputs, low=-0.5, high=0.5), "bias": _uniform(rng, outputs, low=-0.5, high=0.5)}


def _recurrent(rng, gates, inputs=5, hidden=4):
    rows = gates * hidden
    return {"x": _normal(rng, 2, 6, inputs), "weight_ih": _uniform(rng, rows, inputs, low=-0.5, high=0.5),
            "weight_hh": _uniform(rng, rows, hidden, low=-0.5, high=0.5),
            "bias_ih": _uniform(rng, rows, low=-0.5, high=0.5), "bias_hh": _uniform(rng, rows, low=-0.5, high=0.5)}


def _gru(rng):
    case = _recurrent(rng, 3)
    case["bias_hh"][8:] = 0.0  # Flax's GRUCell has no recurrent bias: its n part cannot be carried over
    return case


def _kl(rng):
    logits_p, logits_q = _normal(rng, 4, 5), _normal(rng, 4, 5)
    log_p = logits_p - np.log(np.exp(logits_p).sum(1, keepdims=True))
    q = np.exp(logits_q) / np.exp(logits_q).sum(1, keepdims=True)
    return {"log_p": log_p.astype(np.float32), "q": q.astype(np.float32)}


def _optimizer(rng):
    return {"w": _normal(rng, 3, 4), "gradients": _normal(rng, 3, 3, 4)}


def _activation(rng):
    return {"x": _normal(rng, 4, 6) * 3}


CASES = {
    "matmul": lambda rng: {"a": _normal(rng, 3, 4), "b": _normal(rng, 4, 5)},
    "transpose": lambda rng: {"x": _normal(rng, 2, 3, 4)},
    "concat": lambda rng: {"a": _normal(rng, 2, 3), "b": _normal(rng, 2, 2)},
    "sum": lambda rng: {"x": _normal(rng, 3, 5)},
    "argmax": lambda rng: {"x": _normal(rng, 4, 6)},
    "where": lambda rng: {"x": _normal(rng, 3, 4), "y": _normal(rng, 3, 4)},
    "einsum": lambda rng: {"a": _normal(rng, 2, 3, 4), "b": _normal(rng, 2, 4, 5)},
    "gather": lambda rng: {"x": _normal(rng, 6, 3), "i": np.array([4, 0, 2], dtype=np.int64)},
    "cumsum": lambda rng: {"x": _normal(rng, 3, 5)},
    "one_hot": lambda rng: {"labels": _ids(rng, 10, 5)},
    "clip": lambda rng: {"x": _normal(rng, 3, 4)},
    "linear": lambda rng: {"x": _normal(rng, 2, 8)} | _dense(rng, 8, 4),
    "conv2d": lambda rng: {"x": _normal(rng, 2, 3, 6, 6), "weight": _uniform(rng, 4, 3, 3, 3), "bias": _uniform(rng, 4)},
    "conv1d": lambda rng: {"x": _normal(rng, 2, 3, 7), "weight": _uniform(rng, 4, 3, 3), "bias": _uniform(rng, 4)},
    "max_pool": lambda rng: {"x": _normal(rng, 2, 3, 6, 6)},
    "avg_pool": lambda rng: {"x": _normal(rng, 2, 3, 6, 6)},
    "global_avg_pool": lambda rng: {"x": _normal(rng, 2, 3, 5, 5)},
    "flatten": lambda rng: {"x": _normal(rng, 2, 3, 2, 2)},
    "embedding": lambda rng: {"table": _normal(rng, 20, 6), "ids": _ids(rng, 20, 2, 5)},
    "dropout": lambda rng: {"x": _normal(rng, 3, 4)},
    "upsample": lambda rng: {"x": _normal(rng, 1, 2, 3, 3)},
    **dict.fromkeys(("relu", "gelu", "gelu_tanh", "sigmoid", "tanh", "softmax", "log_softmax", "silu", "leaky_relu",
                     "elu", "softplus"), _activation),
    "batch_norm": lambda rng: {"x": _normal(rng, 2, 4, 3, 3), "gamma": _uniform(rng, 4, low=0.5, high=1.5),
                               "beta": _uniform(rng, 4), "mean": _uniform(rng, 4), "variance": _uniform(rng, 4, low=0.5, high=2)},
    "layer_norm": lambda rng: {"x": _normal(rng, 3, 8), "gamma": _uniform(rng, 8, low=0.5, high=1.5), "beta": _uniform(rng, 8)},
    "group_norm": lambda rng: {"x": _normal(rng, 2, 4, 3, 3), "gamma": _uniform(rng, 4, low=0.5, high=1.5), "beta": _uniform(rng, 4)},
    "rms_norm": lambda rng: {"x": _normal(rng, 3, 8), "gamma": _uniform(rng, 8, low=0.5, high=1.5)},
    "lstm": lambda rng: _recurrent(rng, 4),
    "gru": _gru,
    "simple_rnn": lambda rng: _recurrent(rng, 1),
    "sdpa": lambda rng: {name: _normal(rng, 2, 2, 5, 4) for name in ("q", "k", "v")},
    "mha": lambda rng: {"x": _normal(rng, 2, 5, 8), "in_proj_weight": _uniform(rng, 24, 8, low=-0.5, high=0.5),
                        "in_proj_bias": _uniform(rng, 24, low=-0.5, high=0.5)}
                       | {"out_" + name: value for name, value in _dense(rng, 8, 8).items()},
    "cross_entropy": lambda rng: {"logits": _normal(rng, 6, 10), "labels": _ids(rng, 10, 6)},
    "binary_cross_entropy": lambda rng: {"logits": _normal(rng, 6, 3), "labels": _ids(rng, 2, 6, 3).astype(np.float32)},
    "mse": lambda rng: {"p": _normal(rng, 6, 3), "y": _normal(rng, 6, 3)},
    "huber": lambda rng: {"p": _normal(rng, 6, 3) * 2, "y": _normal(rng, 6, 3)},
    "kl_divergence": _kl,
    **dict.fromkeys(("sgd", "adam", "adamw", "rmsprop"), _optimizer),
    **dict.fromkeys(("cosine_decay", "glorot_uniform", "he_normal"), lambda rng: {}),
    "batches": lambda rng: {"x": _normal(rng, 10, 3)},
    "save_weights": lambda rng: {"x": _normal(rng, 2, 8)} | _dense(rng, 8, 4),
}


def case(row: str) -> dict[str, np.ndarray]:
    return CASES[row](np.random.default_rng(zlib.crc32(row.encode())))


def save(rows, path) -> None:
    """Every row's case in one .npz file, as ROW/NAME arrays: what each framework process reads."""
    np.savez(path, **{f"{row}/{name}": value for row in rows for name, value in case(row).items()})


def load(path) -> dict[str, dict[str, np.ndarray]]:
    cases: dict[str, dict[str, np.ndarray]] = {}
    with np.load(path) as saved:
        for key in saved.files:
            row, name = key.split("/")
            cases.setdefault(row, {})[name] = saved[key]
    return cases
