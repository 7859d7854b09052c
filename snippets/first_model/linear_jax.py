"""Your first model in JAX: the same linear model, as a pure loss function trained with
optax's Adam."""

import jax
import jax.numpy as jnp
import numpy as np
import optax

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

# The parameters are a plain dictionary (a pytree); the model is a function of them.
params = {"kernel": jnp.asarray(initial_weights), "bias": jnp.zeros(1)}


def loss_fn(params, x, y):
    predictions = x @ params["kernel"] + params["bias"]
    return jnp.mean((predictions - y) ** 2)


optimizer = optax.adam(learning_rate=0.1)
opt_state = optimizer.init(params)


@jax.jit  # compiled once by XLA, then reused every epoch
def train_step(params, opt_state, x, y):
    loss, grads = jax.value_and_grad(loss_fn)(params, x, y)
    updates, opt_state = optimizer.update(grads, opt_state)
    # New values: nothing is changed in place.
    return optax.apply_updates(params, updates), opt_state, loss


x, y = jnp.asarray(features), jnp.asarray(targets)
for epoch in range(1, 101):
    params, opt_state, loss = train_step(params, opt_state, x, y)
    if epoch % 10 == 0:
        print(f"epoch {epoch:3d}  loss {loss:.4f}")

# Measure the loss after the last step, not before it.
print(f"final loss {loss_fn(params, x, y):.4f}")
print("learned weights", np.round(np.asarray(params["kernel"]).ravel(), 2),
      "bias", round(float(params["bias"][0]), 2))
