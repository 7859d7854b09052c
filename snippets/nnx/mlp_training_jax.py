"""Flax NNX and optax: a model as a Python object with its parameters inside, trained by
a compiled step."""

import jax
import jax.numpy as jnp
import optax
from flax import nnx
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

digits = load_digits()
x_train, x_test, y_train, y_test = map(jnp.asarray, train_test_split(
    digits.data / 16.0, digits.target,
    test_size=0.25, random_state=0, stratify=digits.target,
))


class MLP(nnx.Module):
    def __init__(self, rngs: nnx.Rngs):
        # The key stream draws the initial weights.
        self.hidden = nnx.Linear(64, 64, rngs=rngs)
        self.output = nnx.Linear(64, 10, rngs=rngs)

    def __call__(self, x):
        return self.output(nnx.relu(self.hidden(x)))  # logits


model = MLP(nnx.Rngs(0))
optimizer = nnx.Optimizer(model, optax.adam(1e-3), wrt=nnx.Param)
print("kernel of the hidden layer:", model.hidden.kernel[...].shape,
      "(inputs, outputs), as Keras stores it")


@nnx.jit  # nnx.jit lets a compiled step update the model and optimizer objects in place
def train_step(model, optimizer, x, y):
    def loss_fn(model):
        return optax.softmax_cross_entropy_with_integer_labels(model(x), y).mean()

    loss, grads = nnx.value_and_grad(loss_fn)(model)
    optimizer.update(model, grads)
    return loss


order_key = jax.random.key(1)
# Whole batches only: every call has the shape the step was compiled for.
batches = len(x_train) // 32
for epoch in range(1, 11):
    order_key, shuffle_key = jax.random.split(order_key)
    order = jax.random.permutation(shuffle_key, len(x_train))
    losses = [train_step(model, optimizer, x_train[rows], y_train[rows])
              for rows in order[:batches * 32].reshape(batches, 32)]
    if epoch % 5 == 0:
        print(f"epoch {epoch:2d}  mean loss {jnp.mean(jnp.stack(losses)):.4f}")

accuracy = (model(x_test).argmax(axis=1) == y_test).mean()
print(f"test accuracy {accuracy:.3f}")
