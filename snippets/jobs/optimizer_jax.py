"""Optimization in JAX: optax turns gradients into updates; the state is passed in and
returned, never hidden."""

import jax
import jax.numpy as jnp
import optax


def loss_fn(w):  # find w such that 2w = 6: the loss (2w - 6)² is smallest at w = 3
    return (2 * w - 6) ** 2


w = jnp.array(0.0)
optimizer = optax.sgd(learning_rate=0.05)
state = optimizer.init(w)
for step in range(1, 31):
    loss, gradient = jax.value_and_grad(loss_fn)(w)
    updates, state = optimizer.update(gradient, state)
    w = optax.apply_updates(w, updates)  # a new array: nothing was modified in place
    if step % 10 == 0:
        print(f"step {step}: w = {w.item():.4f}, loss = {loss.item():.2e}")
