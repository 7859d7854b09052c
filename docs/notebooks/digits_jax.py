# %% [markdown]
# # Digits in JAX
#
# **What this notebook answers:** what does one real task look like in JAX, with Flax
# NNX for the model and optax for the optimizer, from data to a file another program can
# load? It classifies scikit-learn's bundled 8×8 digit images (no download) with a
# small neural network and a training step compiled by `jax.jit`.
#
# The [PyTorch](../digits_pytorch/), [TensorFlow](../digits_tensorflow/) and
# [Keras](../digits_keras/) notebooks do the same task with the same split,
# preprocessing, architecture and initial weights; [Side by side](../../side-by-side/)
# puts their results together. Download this notebook with the button at the top of the
# page, and run it with `jupyter lab`.

# %% [markdown]
# ## Data: the same split everywhere
#
# A fixed seed (`random_state=0`) and a stratified split give every notebook the same
# 1,347 training and 450 test images; pixels are scaled from 0–16 to 0–1.

# %%
import tempfile
import time
from pathlib import Path

import jax.numpy as jnp
import numpy as np
import onnxruntime
import optax
import plotly.graph_objects as go
from flax import nnx, serialization
from jax2onnx import to_onnx
from sklearn.datasets import load_digits
from sklearn.metrics import confusion_matrix
from sklearn.model_selection import train_test_split

digits = load_digits()
x_train, x_test, y_train, y_test = train_test_split(
    (digits.data / 16.0).astype(np.float32), digits.target,
    test_size=0.25, random_state=0, stratify=digits.target,
)
print("train", x_train.shape, "test", x_test.shape)

# %% [markdown]
# ## The same initial weights, made in NumPy
#
# A 64 → 64 → 10 network with a ReLU, written as a Flax NNX module. Its starting
# weights are drawn with NumPy from a fixed seed (He initialization), exactly as in the
# other notebooks, then assigned to the layers; the checksum printed below is the same
# in all four. An `nnx.Linear` kernel has NumPy's (inputs, outputs) layout, as Keras's
# does: no transpose.

# %%
rng = np.random.default_rng(42)
initial = {
    "w1": rng.normal(0.0, np.sqrt(2 / 64), size=(64, 64)).astype(np.float32),
    "b1": np.zeros(64, dtype=np.float32),
    "w2": rng.normal(0.0, np.sqrt(2 / 64), size=(64, 10)).astype(np.float32),
    "b2": np.zeros(10, dtype=np.float32),
}
checksum = sum(np.abs(w).sum() for w in initial.values())
print("initial weights checksum:", round(float(checksum), 4))


class MLP(nnx.Module):
    def __init__(self, rngs: nnx.Rngs):
        self.hidden = nnx.Linear(64, 64, rngs=rngs)
        self.output = nnx.Linear(64, 10, rngs=rngs)

    def __call__(self, x):
        return self.output(nnx.relu(self.hidden(x)))  # logits


# The key stream draws weights that the NumPy ones then replace.
model = MLP(nnx.Rngs(0))
model.hidden.kernel[...], model.hidden.bias[...] = initial["w1"], initial["b1"]
model.output.kernel[...], model.output.bias[...] = initial["w2"], initial["b2"]

# %% [markdown]
# ## Training: a pure step, compiled once
#
# Adam with a learning rate of 0.001 and `eps` of 1e-7 (Keras's default; optax's is
# 1e-8), batches of 32 in an order drawn from a seeded NumPy generator (the same batches
# in every notebook), 20 epochs. `nnx.jit` compiles the step on its first call; the last
# batch of each epoch holds 3 images, a second shape, so the step is compiled twice in
# all.

# %% tags=["timed"]
optimizer = nnx.Optimizer(
    model, optax.adam(learning_rate=0.001, eps=1e-7), wrt=nnx.Param
)


@nnx.jit
def train_step(model, optimizer, features, labels):
    def loss_function(model):
        logits = model(features)
        return optax.softmax_cross_entropy_with_integer_labels(logits, labels).mean()

    loss, grads = nnx.value_and_grad(loss_function)(model)
    optimizer.update(model, grads)
    return loss


def test_accuracy() -> float:
    return float((np.asarray(model(x_test)).argmax(axis=1) == y_test).mean())


order = np.random.default_rng(0)
started = time.perf_counter()
for epoch in range(1, 21):
    total = 0.0
    shuffled = order.permutation(len(x_train))
    for batch in (shuffled[start:start + 32] for start in range(0, len(x_train), 32)):
        loss = train_step(model, optimizer, x_train[batch], y_train[batch])
        total += float(loss) * len(batch)
    print(f"epoch {epoch:2d}  loss {total / len(x_train):.4f}  "
          f"test accuracy {test_accuracy():.4f}")
print(f"training time {time.perf_counter() - started:.2f} s")

# %% [markdown]
# ## Confusion matrix: which digits are mixed up?
#
# Rows are the true digits, columns the predictions: everything off the diagonal is a
# mistake.

# %%
predictions = np.asarray(model(x_test)).argmax(axis=1)
matrix = confusion_matrix(y_test, predictions)
figure = go.Figure(go.Heatmap(
    z=matrix, x=list(range(10)), y=list(range(10)),
    text=matrix, texttemplate="%{text}", colorscale="Blues", showscale=False,
))
figure.update_layout(
    xaxis_title="predicted digit", yaxis_title="true digit", yaxis_autorange="reversed",
    xaxis_dtick=1, yaxis_dtick=1, height=480, width=520,
    title="JAX: confusion matrix on the 450 test images",
)
figure.show(renderer="plotly_mimetype")
print(f"final test accuracy {(predictions == y_test).mean():.4f}")

# %% [markdown]
# ## Save and reload
#
# The model's state (its parameters) is a pytree: turned into a plain dictionary, it is
# written with Flax's msgpack serialization and read back into a freshly built model.

# %%
folder = Path(tempfile.mkdtemp())
parameters = nnx.to_pure_dict(nnx.state(model))
(folder / "digits.msgpack").write_bytes(serialization.msgpack_serialize(parameters))
reloaded = MLP(nnx.Rngs(1))  # other random weights, about to be replaced
state = nnx.state(reloaded)
restored = serialization.msgpack_restore((folder / "digits.msgpack").read_bytes())
nnx.replace_by_pure_dict(state, restored)
nnx.update(reloaded, state)
difference = float(jnp.abs(reloaded(x_test) - model(x_test)).max())
print(f"reloaded model: max difference {difference:.1e}")

# %% [markdown]
# ## Export to ONNX, and check it
#
# JAX has no ONNX exporter of its own: jax2onnx converts the Flax module, with a
# symbolic batch dimension, and ONNX Runtime's predictions are compared with JAX's on
# the whole test set.

# %%
to_onnx(model, [("batch", 64)], return_mode="file",
        output_path=str(folder / "digits.onnx"))
session = onnxruntime.InferenceSession(
    folder / "digits.onnx", providers=["CPUExecutionProvider"]
)
onnx_logits = session.run(None, {session.get_inputs()[0].name: x_test})[0]
jax_logits = np.asarray(model(x_test))
same_predictions = (onnx_logits.argmax(1) == jax_logits.argmax(1)).all()
print(f"ONNX Runtime vs JAX on {len(x_test)} images: "
      f"max difference {np.abs(onnx_logits - jax_logits).max():.1e}, "
      f"same predictions: {bool(same_predictions)}")
