"""Your first model in Keras 3: the same linear model, compiled and fitted."""

import os

os.environ["KERAS_BACKEND"] = "tensorflow"  # must be set before keras is imported

import keras
import numpy as np

# Data the model can learn: y = 2*x0 - 3*x1 + 0.5*x2 + 1, plus a little noise.
rng = np.random.default_rng(seed=0)
features = rng.normal(size=(100, 3)).astype(np.float32)
true_weights = np.array([[2.0], [-3.0], [0.5]], dtype=np.float32)
noise = 0.1 * rng.normal(size=(100, 1)).astype(np.float32)
targets = features @ true_weights + 1.0 + noise

# The same starting weights in every framework, drawn once with NumPy.
initial_weights = (
    np.random.default_rng(seed=1).normal(scale=0.1, size=(3, 1)).astype(np.float32)
)

keras.utils.set_random_seed(0)
model = keras.Sequential([keras.Input(shape=(3,)), keras.layers.Dense(1)])
model.layers[0].set_weights([initial_weights, np.zeros(1, dtype=np.float32)])
model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.1), loss="mse")

# One batch of 100 samples per epoch: one optimizer step per epoch, as in the other
# tabs.
history = model.fit(features, targets, epochs=100, batch_size=100, verbose=0)
for epoch in range(10, 101, 10):
    print(f"epoch {epoch:3d}  loss {history.history['loss'][epoch - 1]:.4f}")

final_loss = model.evaluate(features, targets, verbose=0)  # a plain float in Keras 3
print(f"final loss {final_loss:.4f}")
kernel, bias = model.layers[0].get_weights()
print("learned weights", np.round(kernel.ravel(), 2), "bias", round(float(bias[0]), 2))
