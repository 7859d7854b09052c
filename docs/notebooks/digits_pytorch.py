# %% [markdown]
# # Digits in PyTorch
#
# **What this notebook answers:** what does one real task look like in PyTorch from data
# to a deployable file? It classifies scikit-learn's bundled 8×8 digit images (no
# download) with a small neural network, writing the training loop by hand.
#
# The [TensorFlow](../digits_tensorflow/) and [Keras](../digits_keras/) notebooks do the
# same task with the same split, preprocessing, architecture and initial weights, so the
# three can be compared line by line; [Side by side](../../side-by-side/) puts their
# results together. Download this notebook with the button at the top of the page, and
# run it with `jupyter lab`.

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
import torch
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
# A 64 → 64 → 10 network with a ReLU. Its starting weights are drawn with NumPy from
# a fixed seed (He initialization), exactly as in the other two notebooks, then copied
# into PyTorch. The checksum printed below is the same in all three. PyTorch's `Linear`
# stores its weight as (outputs, inputs), the transpose of the NumPy layout, hence the
# `.T`.

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

model = torch.nn.Sequential(
    torch.nn.Linear(64, 64), torch.nn.ReLU(), torch.nn.Linear(64, 10)
)
with torch.no_grad():
    model[0].weight.copy_(torch.from_numpy(initial["w1"].T))
    model[0].bias.copy_(torch.from_numpy(initial["b1"]))
    model[2].weight.copy_(torch.from_numpy(initial["w2"].T))
    model[2].bias.copy_(torch.from_numpy(initial["b2"]))

# %% [markdown]
# ## Training: the loop is yours
#
# Adam with a learning rate of 0.001, batches of 32 in an order drawn from a seeded
# NumPy generator (the same batches in every notebook), 20 epochs. Adam's `eps` is set
# to Keras's default, 1e-7 (PyTorch's is 1e-8), so that the three notebooks do the same
# arithmetic.

# %% tags=["timed"]
optimizer = torch.optim.Adam(model.parameters(), lr=0.001, eps=1e-7)
loss_function = torch.nn.CrossEntropyLoss()
order = np.random.default_rng(0)
features, labels = torch.from_numpy(x_train), torch.from_numpy(y_train)


def test_accuracy() -> float:
    with torch.no_grad():
        predicted = model(torch.from_numpy(x_test)).argmax(dim=1).numpy()
        return float((predicted == y_test).mean())


started = time.perf_counter()
for epoch in range(1, 21):
    total = 0.0
    shuffled = order.permutation(len(x_train))
    for batch in (shuffled[start:start + 32] for start in range(0, len(x_train), 32)):
        optimizer.zero_grad()
        loss = loss_function(model(features[batch]), labels[batch])
        loss.backward()
        optimizer.step()
        total += loss.item() * len(batch)
    print(f"epoch {epoch:2d}  loss {total / len(x_train):.4f}  "
          f"test accuracy {test_accuracy():.4f}")
print(f"training time {time.perf_counter() - started:.2f} s")

# %% [markdown]
# ## Confusion matrix: which digits are mixed up?
#
# Rows are the true digits, columns the predictions: everything off the diagonal is a
# mistake.

# %%
with torch.no_grad():
    predictions = model(torch.from_numpy(x_test)).argmax(dim=1).numpy()
matrix = confusion_matrix(y_test, predictions)
figure = go.Figure(go.Heatmap(
    z=matrix, x=list(range(10)), y=list(range(10)),
    text=matrix, texttemplate="%{text}", colorscale="Blues", showscale=False,
))
figure.update_layout(
    xaxis_title="predicted digit", yaxis_title="true digit", yaxis_autorange="reversed",
    xaxis_dtick=1, yaxis_dtick=1, height=480, width=520,
    title="PyTorch: confusion matrix on the 450 test images",
)
figure.show(renderer="plotly_mimetype")
print(f"final test accuracy {(predictions == y_test).mean():.4f}")

# %% [markdown]
# ## Save and reload
#
# The usual way is to save the `state_dict` (the weights) and load it into a freshly
# built model.

# %%
folder = Path(tempfile.mkdtemp())
torch.save(model.state_dict(), folder / "digits.pt")
reloaded = torch.nn.Sequential(
    torch.nn.Linear(64, 64), torch.nn.ReLU(), torch.nn.Linear(64, 10)
)
reloaded.load_state_dict(torch.load(folder / "digits.pt"))
with torch.no_grad():
    inputs = torch.from_numpy(x_test)
    difference = (reloaded(inputs) - model(inputs)).abs().max().item()
print(f"reloaded model: max difference {difference:.1e}")

# %% [markdown]
# ## Export to ONNX, and check it
#
# The batch dimension is made symbolic, and ONNX Runtime's predictions are compared with
# PyTorch's on the whole test set.

# %%
batch = torch.export.Dim("batch")
program = torch.onnx.export(
    model, (torch.from_numpy(x_test[:2]),),
    input_names=["pixels"], output_names=["logits"],
    dynamic_shapes=({0: batch},), verbose=False,
)
program.save(folder / "digits.onnx")
session = onnxruntime.InferenceSession(
    folder / "digits.onnx", providers=["CPUExecutionProvider"]
)
onnx_logits = session.run(None, {"pixels": x_test})[0]
with torch.no_grad():
    torch_logits = model(torch.from_numpy(x_test)).numpy()
same_predictions = (onnx_logits.argmax(1) == torch_logits.argmax(1)).all()
print(f"ONNX Runtime vs PyTorch on {len(x_test)} images: "
      f"max difference {np.abs(onnx_logits - torch_logits).max():.1e}, "
      f"same predictions: {bool(same_predictions)}")
