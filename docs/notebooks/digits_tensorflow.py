# %% [markdown]
# # Digits in TensorFlow
#
# **What this notebook answers:** what does one real task look like in plain TensorFlow,
# with the training loop written around `tf.GradientTape` rather than Keras's `fit`? It
# classifies scikit-learn's bundled 8×8 digit images (no download).
#
# The [PyTorch](../digits_pytorch/) and [Keras](../digits_keras/) notebooks do the same
# task with the same split, preprocessing, architecture and initial weights;
# [Side by side](../../side-by-side/) puts their results together. Download this
# notebook with the button at the top of the page, and run it with `jupyter lab`.

# %% [markdown]
# ## Data: the same split everywhere
#
# A fixed seed (`random_state=0`) and a stratified split give every notebook the same
# 1,347 training and 450 test images; pixels are scaled from 0–16 to 0–1.

# %%
import tempfile
import time
from pathlib import Path

import numpy as np
import onnxruntime
import plotly.graph_objects as go
import tensorflow as tf
import tf2onnx
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
# A 64 → 64 → 10 network with a ReLU, written as a `tf.Module` holding four
# `tf.Variable`s. The starting values are drawn with NumPy from a fixed seed (He
# initialization), exactly as in the other two notebooks; the checksum printed below is
# the same in all three. TensorFlow uses the (inputs, outputs) layout of NumPy, so no
# transpose is needed.

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


# Any batch size of 64-pixel images.
PIXELS = tf.TensorSpec([None, 64], tf.float32, name="pixels")


class DigitsMLP(tf.Module):
    def __init__(self, weights):
        super().__init__()
        self.w1, self.b1 = tf.Variable(weights["w1"]), tf.Variable(weights["b1"])
        self.w2, self.b2 = tf.Variable(weights["w2"]), tf.Variable(weights["b2"])

    @tf.function(input_signature=[PIXELS])
    def __call__(self, pixels):
        hidden = tf.nn.relu(pixels @ self.w1 + self.b1)
        return hidden @ self.w2 + self.b2


model = DigitsMLP(initial)

# %% [markdown]
# ## Training: a loop around tf.GradientTape
#
# Adam with a learning rate of 0.001, batches of 32 in an order drawn from a seeded
# NumPy generator (the same batches in every notebook), 20 epochs. The step is a
# `tf.function`: it is traced once and then runs as a graph.

# %% tags=["timed"]
optimizer = tf.keras.optimizers.Adam(learning_rate=0.001)
order = np.random.default_rng(0)


@tf.function
def train_step(pixels, labels):
    with tf.GradientTape() as tape:
        per_example = tf.nn.sparse_softmax_cross_entropy_with_logits(
            labels=labels, logits=model(pixels)
        )
        loss = tf.reduce_mean(per_example)
    gradients = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(gradients, model.trainable_variables))
    return loss


def test_accuracy() -> float:
    return float((model(x_test).numpy().argmax(axis=1) == y_test).mean())


started = time.perf_counter()
for epoch in range(1, 21):
    total = 0.0
    shuffled = order.permutation(len(x_train))
    for batch in (shuffled[start:start + 32] for start in range(0, len(x_train), 32)):
        loss = train_step(x_train[batch], y_train[batch].astype(np.int64))
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
predictions = model(x_test).numpy().argmax(axis=1)
matrix = confusion_matrix(y_test, predictions)
figure = go.Figure(go.Heatmap(
    z=matrix, x=list(range(10)), y=list(range(10)),
    text=matrix, texttemplate="%{text}", colorscale="Blues", showscale=False,
))
figure.update_layout(
    xaxis_title="predicted digit", yaxis_title="true digit", yaxis_autorange="reversed",
    xaxis_dtick=1, yaxis_dtick=1, height=480, width=520,
    title="TensorFlow: confusion matrix on the 450 test images",
)
figure.show(renderer="plotly_mimetype")
print(f"final test accuracy {(predictions == y_test).mean():.4f}")

# %% [markdown]
# ## Save and reload
#
# `tf.saved_model.save` writes the module's graph and variables; the reloaded object
# runs without the Python class that defined it.

# %%
folder = Path(tempfile.mkdtemp())
tf.saved_model.save(model, str(folder / "digits_savedmodel"))
reloaded = tf.saved_model.load(str(folder / "digits_savedmodel"))
difference = np.abs(reloaded(x_test).numpy() - model(x_test).numpy()).max()
print(f"reloaded SavedModel: max difference {difference:.1e}")

# %% [markdown]
# ## Export to ONNX, and check it
#
# tf2onnx converts the traced function, with a symbolic batch dimension; ONNX Runtime's
# predictions are compared with TensorFlow's on the whole test set.

# %%
tf2onnx.convert.from_function(model.__call__, input_signature=[PIXELS],
                              output_path=str(folder / "digits.onnx"))
session = onnxruntime.InferenceSession(
    folder / "digits.onnx", providers=["CPUExecutionProvider"]
)
onnx_logits = session.run(None, {"pixels": x_test})[0]
tf_logits = model(x_test).numpy()
same_predictions = (onnx_logits.argmax(1) == tf_logits.argmax(1)).all()
print(f"ONNX Runtime vs TensorFlow on {len(x_test)} images: "
      f"max difference {np.abs(onnx_logits - tf_logits).max():.1e}, "
      f"same predictions: {bool(same_predictions)}")
