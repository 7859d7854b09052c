"""jax.grad and jax.vmap: transformations that take a function and return a new one,
and compose.

Per-example gradients are the classic case: grad gives the gradient of one example's
loss, vmap maps it over the batch without a Python loop, jit compiles the whole thing.
"""

import jax
import jax.numpy as jnp


def loss(w, x, y):  # one example: squared error of a linear model
    return (jnp.dot(x, w) - y) ** 2


w = jnp.array([1.0, -2.0, 0.5])
xs = jnp.array([[1.0, 0.0, 2.0], [0.0, 1.0, 1.0], [3.0, 1.0, 0.0], [1.0, 1.0, 1.0]])
ys = jnp.array([1.0, 0.0, 2.0, -1.0])

# w shared, x and y batched
per_example = jax.jit(jax.vmap(jax.grad(loss), in_axes=(None, 0, 0)))
gradients = per_example(w, xs, ys)
print("per-example gradients, shape", gradients.shape)
print(gradients + 0.0)  # + 0.0 turns IEEE negative zeros into plain zeros

# The same numbers from a Python loop over examples: vmap changed how, not what.
looped = jnp.stack([jax.grad(loss)(w, x, y) for x, y in zip(xs, ys)])
print("max |vmap - loop|:", jnp.abs(gradients - looped).max().item())

# Their mean is the gradient of the mean loss.
batch_loss = jax.vmap(loss, in_axes=(None, 0, 0))
mean_gradient = jax.grad(lambda w: jnp.mean(batch_loss(w, xs, ys)))(w)
difference = jnp.abs(gradients.mean(axis=0) - mean_gradient).max().item()
print("max |mean of per-example - gradient of mean|:", difference)

# Second derivatives are a composition too: the Hessian of the loss of the first
# example.
print("Hessian of example 0 (2·x·xᵀ):", jax.hessian(loss)(w, xs[0], ys[0]).tolist())
