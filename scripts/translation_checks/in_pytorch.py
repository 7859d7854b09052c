"""The translation table's PyTorch column, computed (scripts/workers/translation_runtime.py pytorch)."""

import tempfile
from pathlib import Path

import torch
import torch.nn.functional as F
from torch import nn

from rosetta.translation.registry import Checks

CHECKS = {"pytorch": Checks()}
row = CHECKS["pytorch"].row
t = torch.from_numpy


def _loaded(module: nn.Module, **weights) -> nn.Module:
    """`module` with its parameters replaced by the case's arrays, in eval mode."""
    with torch.no_grad():
        for name, value in weights.items():
            getattr(module, name).copy_(t(value))
    return module.eval()


@row("matmul")
def _(c): return torch.matmul(t(c["a"]), t(c["b"]))
@row("transpose")
def _(c): return t(c["x"]).permute(0, 2, 1)
@row("concat")
def _(c): return torch.cat([t(c["a"]), t(c["b"])], dim=1)
@row("sum")
def _(c): return torch.sum(t(c["x"]), dim=1)
@row("argmax")
def _(c): return torch.argmax(t(c["x"]), dim=1)
@row("where")
def _(c): return torch.where(t(c["x"]) > 0, t(c["x"]), t(c["y"]))
@row("einsum")
def _(c): return torch.einsum("bij,bjk->bik", t(c["a"]), t(c["b"]))
@row("gather")
def _(c): return torch.index_select(t(c["x"]), 0, t(c["i"]))
@row("cumsum")
def _(c): return torch.cumsum(t(c["x"]), dim=1)
@row("one_hot")
def _(c): return F.one_hot(t(c["labels"]), 10)
@row("clip")
def _(c): return torch.clamp(t(c["x"]), -0.5, 0.5)


@row("linear")
def _(c): return _loaded(nn.Linear(8, 4), weight=c["weight"], bias=c["bias"])(t(c["x"]))
@row("conv2d")
def _(c): return _loaded(nn.Conv2d(3, 4, 3), weight=c["weight"], bias=c["bias"])(t(c["x"]))
@row("conv1d")
def _(c): return _loaded(nn.Conv1d(3, 4, 3), weight=c["weight"], bias=c["bias"])(t(c["x"]))
@row("max_pool")
def _(c): return nn.MaxPool2d(2)(t(c["x"]))
@row("avg_pool")
def _(c): return nn.AvgPool2d(2)(t(c["x"]))
@row("global_avg_pool")
def _(c): return nn.AdaptiveAvgPool2d(1)(t(c["x"])).flatten(1)
@row("flatten")
def _(c): return nn.Flatten()(t(c["x"]))
@row("embedding")
def _(c): return _loaded(nn.Embedding(20, 6), weight=c["table"])(t(c["ids"]))
@row("dropout")
def _(c): return nn.Dropout(0.5).eval()(t(c["x"]))
@row("upsample")
def _(c): return nn.Upsample(scale_factor=2)(t(c["x"]))


@row("relu")
def _(c): return nn.ReLU()(t(c["x"]))
@row("gelu")
def _(c): return nn.GELU()(t(c["x"]))
@row("gelu_tanh")
def _(c): return nn.GELU(approximate="tanh")(t(c["x"]))
@row("sigmoid")
def _(c): return torch.sigmoid(t(c["x"]))
@row("tanh")
def _(c): return torch.tanh(t(c["x"]))
@row("softmax")
def _(c): return torch.softmax(t(c["x"]), dim=-1)
@row("log_softmax")
def _(c): return torch.log_softmax(t(c["x"]), dim=-1)
@row("silu")
def _(c): return nn.SiLU()(t(c["x"]))
@row("leaky_relu")
def _(c): return nn.LeakyReLU(0.1)(t(c["x"]))
@row("elu")
def _(c): return nn.ELU()(t(c["x"]))
@row("softplus")
def _(c): return nn.Softplus()(t(c["x"]))


@row("batch_norm")
def _(c):
    norm = _loaded(nn.BatchNorm2d(4), weight=c["gamma"], bias=c["beta"], running_mean=c["mean"], running_var=c["variance"])
    return norm(t(c["x"]))
@row("layer_norm")
def _(c): return _loaded(nn.LayerNorm(8), weight=c["gamma"], bias=c["beta"])(t(c["x"]))
@row("group_norm")
def _(c): return _loaded(nn.GroupNorm(2, 4), weight=c["gamma"], bias=c["beta"])(t(c["x"]))
@row("rms_norm")
def _(c): return _loaded(nn.RMSNorm(8, eps=1e-6), weight=c["gamma"])(t(c["x"]))


@row("save_weights")
def _(c):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "model.pt"
        torch.save(_loaded(nn.Linear(8, 4), weight=c["weight"], bias=c["bias"]).state_dict(), path)
        reloaded = nn.Linear(8, 4)
        reloaded.load_state_dict(torch.load(path))
    return reloaded(t(c["x"]))


def _recurrent(kind, c):
    layer = kind(5, 4, batch_first=True)
    weights = {f"{name}_l0": c[name] for name in ("weight_ih", "weight_hh", "bias_ih", "bias_hh")}
    return _loaded(layer, **weights)(t(c["x"]))[0]


@row("lstm")
def _(c): return _recurrent(nn.LSTM, c)
@row("gru")
def _(c): return _recurrent(nn.GRU, c)
@row("simple_rnn")
def _(c): return _recurrent(nn.RNN, c)


@row("sdpa")
def _(c): return F.scaled_dot_product_attention(t(c["q"]), t(c["k"]), t(c["v"]))
@row("mha")
def _(c):
    attention = _loaded(nn.MultiheadAttention(8, 2, batch_first=True), in_proj_weight=c["in_proj_weight"],
                        in_proj_bias=c["in_proj_bias"])
    _loaded(attention.out_proj, weight=c["out_weight"], bias=c["out_bias"])
    x = t(c["x"])
    return attention(x, x, x, need_weights=False)[0]


@row("cross_entropy")
def _(c): return nn.CrossEntropyLoss()(t(c["logits"]), t(c["labels"]))
@row("binary_cross_entropy")
def _(c): return nn.BCEWithLogitsLoss()(t(c["logits"]), t(c["labels"]))
@row("mse")
def _(c): return nn.MSELoss()(t(c["p"]), t(c["y"]))
@row("huber")
def _(c): return nn.HuberLoss()(t(c["p"]), t(c["y"]))
@row("kl_divergence")
def _(c): return nn.KLDivLoss(reduction="batchmean")(t(c["log_p"]), t(c["q"]))


def _steps(make_optimizer, c):
    w = nn.Parameter(t(c["w"]).clone())
    optimizer = make_optimizer([w])
    for gradient in c["gradients"]:
        w.grad = t(gradient).clone()
        optimizer.step()
    return w.detach()


@row("sgd")
def _(c): return _steps(lambda params: torch.optim.SGD(params, lr=0.1, momentum=0.9), c)
@row("adam")
def _(c): return _steps(lambda params: torch.optim.Adam(params, lr=0.01), c)
@row("adamw")
def _(c): return _steps(lambda params: torch.optim.AdamW(params, lr=0.01), c)
@row("rmsprop")
def _(c): return _steps(lambda params: torch.optim.RMSprop(params, lr=0.01, alpha=0.9, eps=1e-10), c)
@row("cosine_decay")
def _(c):
    optimizer = torch.optim.SGD([nn.Parameter(torch.zeros(1))], lr=0.1)
    schedule = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=10)
    rates = []
    for _ in range(11):
        rates.append(schedule.get_last_lr()[0])
        optimizer.step()
        schedule.step()
    return torch.tensor(rates)


@row("glorot_uniform")
def _(c): return nn.init.xavier_uniform_(torch.empty(400, 300), generator=torch.Generator().manual_seed(0)).abs().max()
@row("he_normal")
def _(c): return nn.init.kaiming_normal_(torch.empty(400, 300), generator=torch.Generator().manual_seed(0)).std()


@row("batches")
def _(c):
    loader = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(t(c["x"])), batch_size=4)
    return list(loader)[-1][0]
