# %% [markdown]
# # Digits in Keras
#
# **What this notebook answers:** what does one real task look like in Keras 3, where
# `compile` and `fit` replace the hand-written loop? It classifies scikit-learn's
# bundled 8×8 digit images (no download).
#
# The [PyTorch](../digits_pytorch/) and [TensorFlow](../digits_tensorflow/) notebooks do
# the same task with the same split, preprocessing, architecture and initial weights;
# [Side by side](../../side-by-side/) puts their results together. Download this
# notebook with the button at the top of the page, and run it with `jupyter lab`.

# %% [markdown]
# ## Data: the same split everywhere
#
# The backend is chosen before `keras` is imported: TensorFlow, unless `KERAS_BACKEND`
# is already set (start Jupyter with `KERAS_BACKEND=torch` to run this notebook on
# PyTorch). A fixed seed (`random_state=0`) and a stratified split give every notebook
# the same 1,347 training and 450 test images; pixels are scaled from 0–16 to 0–1.

# %%
import os

os.environ.setdefault("KERAS_BACKEND", "tensorflow")

import tempfile
import time
from pathlib import Path

import keras
import numpy as np
import onnxruntime
import plotly.graph_objects as go
from sklearn.datasets import load_digits
from sklearn.metrics import confusion_matrix
from sklearn.model_selection import train_test_split

digits = load_digits()
x_train, x_test, y_train, y_test = train_test_split(
    (digits.data / 16.0).astype(np.float32), digits.target,
    test_size=0.25, random_state=0, stratify=digits.target,
)
print("train", x_train.shape, "test", x_test.shape,
      "- Keras backend:", keras.config.backend())

# %% [markdown]
# ## The same initial weights, made in NumPy
#
# A 64 → 64 → 10 network with a ReLU. The starting weights are drawn with NumPy from
# a fixed seed (He initialization), exactly as in the other two notebooks, and set with
# `set_weights`; the checksum printed below is the same in all three. Keras's `Dense`
# kernel has NumPy's (inputs, outputs) layout.

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

model = keras.Sequential([
    keras.Input(shape=(64,), name="pixels"),
    keras.layers.Dense(64, activation="relu"),
    keras.layers.Dense(10),
])
model.layers[0].set_weights([initial["w1"], initial["b1"]])
model.layers[1].set_weights([initial["w2"], initial["b2"]])

# %% [markdown]
# ## Training: compile and fit
#
# Adam with a learning rate of 0.001, batches of 32 in an order drawn from a seeded
# NumPy generator (the same batches in every notebook), 20 epochs. To use that order,
# each epoch is one call to `fit` on the shuffled arrays with `shuffle=False`; normally
# a single `fit(..., epochs=20)` shuffles by itself.

# %% tags=["timed"]
model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.001),
              loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
              metrics=["accuracy"])
order = np.random.default_rng(0)

started = time.perf_counter()
for epoch in range(1, 21):
    shuffled = order.permutation(len(x_train))
    history = model.fit(x_train[shuffled], y_train[shuffled], batch_size=32, epochs=1,
                        shuffle=False, verbose=0)
    accuracy = model.evaluate(x_test, y_test, verbose=0)[1]
    print(f"epoch {epoch:2d}  loss {history.history['loss'][0]:.4f}  "
          f"test accuracy {accuracy:.4f}")
print(f"training time {time.perf_counter() - started:.2f} s")

# %% [markdown]
# ## Confusion matrix: which digits are mixed up?
#
# Rows are the true digits, columns the predictions: everything off the diagonal is a
# mistake.

# %%
predictions = keras.ops.convert_to_numpy(model(x_test)).argmax(axis=1)
matrix = confusion_matrix(y_test, predictions)
figure = go.Figure(go.Heatmap(
    z=matrix, x=list(range(10)), y=list(range(10)),
    text=matrix, texttemplate="%{text}", colorscale="Blues", showscale=False,
))
figure.update_layout(
    xaxis_title="predicted digit", yaxis_title="true digit", yaxis_autorange="reversed",
    xaxis_dtick=1, yaxis_dtick=1, height=480, width=520,
    title="Keras: confusion matrix on the 450 test images",
)
figure.show(renderer="plotly_mimetype")
print(f"final test accuracy {(predictions == y_test).mean():.4f}")

# %% [markdown]
# ## Save and reload
#
# A `.keras` file holds the architecture, the weights and the compile settings.

# %%
folder = Path(tempfile.mkdtemp())
model.save(folder / "digits.keras")
reloaded = keras.saving.load_model(folder / "digits.keras")
reloaded_logits = keras.ops.convert_to_numpy(reloaded(x_test))
difference = np.abs(reloaded_logits - keras.ops.convert_to_numpy(model(x_test))).max()
print(f"reloaded .keras file: max difference {difference:.1e}")

# %% [markdown]
# ## Export to ONNX, and check it
#
# `model.export(..., format="onnx")` goes through tf2onnx on the TensorFlow backend
# (through `torch.onnx` on the PyTorch backend); ONNX Runtime's predictions are compared
# with Keras's on the whole test set.

# %%
model.export(str(folder / "digits.onnx"), format="onnx", verbose=False)
session = onnxruntime.InferenceSession(
    folder / "digits.onnx", providers=["CPUExecutionProvider"]
)
onnx_logits = session.run(None, {session.get_inputs()[0].name: x_test})[0]
keras_logits = keras.ops.convert_to_numpy(model(x_test))
same_predictions = (onnx_logits.argmax(1) == keras_logits.argmax(1)).all()
print(f"ONNX Runtime vs Keras on {len(x_test)} images: "
      f"max difference {np.abs(onnx_logits - keras_logits).max():.1e}, "
      f"same predictions: {bool(same_predictions)}")
