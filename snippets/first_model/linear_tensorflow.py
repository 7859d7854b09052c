"""Your first model in TensorFlow: the same linear model, trained in a custom loop with
GradientTape."""

import numpy as np
import tensorflow as tf

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

tf.random.set_seed(0)
weights = tf.Variable(initial_weights)  # TensorFlow multiplies x @ W, so W is (in, out)
bias = tf.Variable(tf.zeros([1]))
optimizer = tf.keras.optimizers.Adam(learning_rate=0.1)
x, y = tf.constant(features), tf.constant(targets)


def mse(x, y):
    return tf.reduce_mean(tf.square(x @ weights + bias - y))


@tf.function  # traced once into a graph, then reused every epoch
def train_step(x, y):
    with tf.GradientTape() as tape:
        loss = mse(x, y)
    gradients = tape.gradient(loss, [weights, bias])
    optimizer.apply_gradients(zip(gradients, [weights, bias]))
    return loss


for epoch in range(1, 101):
    loss = train_step(x, y)
    if epoch % 10 == 0:
        print(f"epoch {epoch:3d}  loss {loss.numpy():.4f}")

print(f"final loss {mse(x, y).numpy():.4f}")
print("learned weights", np.round(weights.numpy().ravel(), 2),
      "bias", round(float(bias.numpy()[0]), 2))
