"""Move a trained PyTorch CNN into Keras (TensorFlow backend) and back, layer by layer.

Three layout differences need care: PyTorch stores images channels-first (N, C, H, W)
and Keras channels-last (N, H, W, C); a Conv2d kernel is (out, in, kh, kw) in PyTorch
and (kh, kw, in, out) in Keras; a Linear weight is (out, in) in PyTorch and a Dense
kernel (in, out) in Keras. And because Flatten runs over (C, H, W) in one and (H, W, C)
in the other, the dense layer after it must have its inputs reordered too.
"""

import os

os.environ["KERAS_BACKEND"] = "tensorflow"

import keras
import numpy as np
import torch
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

digits = load_digits()
x_train, x_test, y_train, y_test = train_test_split(
    (digits.images / 16.0).astype(np.float32), digits.target,
    test_size=0.25, random_state=0, stratify=digits.target,
)
CHANNELS, SIDE = 4, 6  # a 3x3 convolution turns 8x8 images into 4 maps of 6x6

# 1. Train a small CNN in PyTorch (channels first).
torch.manual_seed(0)
torch_model = torch.nn.Sequential(
    torch.nn.Conv2d(1, CHANNELS, kernel_size=3), torch.nn.ReLU(),
    torch.nn.Flatten(), torch.nn.Linear(CHANNELS * SIDE * SIDE, 10),
)
optimizer = torch.optim.Adam(torch_model.parameters(), lr=0.01)
images, labels = torch.from_numpy(x_train[:, None]), torch.from_numpy(y_train)
for epoch in range(30):
    optimizer.zero_grad()
    torch.nn.functional.cross_entropy(torch_model(images), labels).backward()
    optimizer.step()
with torch.no_grad():
    torch_logits = torch_model(torch.from_numpy(x_test[:, None])).numpy()
print(f"PyTorch test accuracy: {(torch_logits.argmax(1) == y_test).mean():.3f}")

# 2. The same architecture in Keras (channels last).
keras_model = keras.Sequential([
    keras.Input(shape=(8, 8, 1)),
    keras.layers.Conv2D(CHANNELS, 3, activation="relu"),
    keras.layers.Flatten(),
    keras.layers.Dense(10),
])
conv, dense = torch_model[0], torch_model[3]


def dense_kernel_for_keras(weight: np.ndarray) -> np.ndarray:
    """(out, C*H*W) in PyTorch's flatten order -> (H*W*C, out) in Keras's."""
    return (weight.reshape(10, CHANNELS, SIDE, SIDE)
            .transpose(2, 3, 1, 0)
            .reshape(SIDE * SIDE * CHANNELS, 10))


conv_kernel = conv.weight.detach().numpy().transpose(2, 3, 1, 0)  # (kh, kw, in, out)
keras_model.layers[0].set_weights([conv_kernel, conv.bias.detach().numpy()])
linear_weight, linear_bias = dense.weight.detach().numpy(), dense.bias.detach().numpy()
dense_weights = [dense_kernel_for_keras(linear_weight), linear_bias]
keras_model.layers[2].set_weights(dense_weights)
keras_logits = keras.ops.convert_to_numpy(keras_model(x_test[..., None]))  # NHWC input
print(f"max |Keras - PyTorch| = {np.abs(keras_logits - torch_logits).max():.1e}")
print(f"Keras test accuracy:   {(keras_logits.argmax(1) == y_test).mean():.3f}")

# What the Flatten reordering is for: a plain transpose of the dense weight loads
# without error...
keras_model.layers[2].set_weights([linear_weight.T, linear_bias])
wrong = keras.ops.convert_to_numpy(keras_model(x_test[..., None]))
print(f"without reordering for Flatten: "
      f"max difference {np.abs(wrong - torch_logits).max():.1f}, "
      f"accuracy {(wrong.argmax(1) == y_test).mean():.3f}")

# 3. And back: Keras -> a fresh PyTorch model, inverting each transpose.
keras_model.layers[2].set_weights(dense_weights)
kernel, conv_bias = keras_model.layers[0].get_weights()
dense_kernel, dense_bias = keras_model.layers[2].get_weights()
returned = torch.nn.Sequential(
    torch.nn.Conv2d(1, CHANNELS, kernel_size=3), torch.nn.ReLU(),
    torch.nn.Flatten(), torch.nn.Linear(CHANNELS * SIDE * SIDE, 10),
)
returned.load_state_dict({
    "0.weight": torch.from_numpy(kernel.transpose(3, 2, 0, 1).copy()),
    "0.bias": torch.from_numpy(conv_bias),
    "3.weight": torch.from_numpy(
        dense_kernel.reshape(SIDE, SIDE, CHANNELS, 10)
        .transpose(3, 2, 0, 1)
        .reshape(10, -1)
        .copy()
    ),
    "3.bias": torch.from_numpy(dense_bias),
})
with torch.no_grad():
    round_trip = returned(torch.from_numpy(x_test[:, None])).numpy()
difference = np.abs(round_trip - torch_logits).max()
print(f"after the round trip, max |PyTorch again - PyTorch| = {difference:.1e}")
