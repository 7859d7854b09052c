"""Hello, JAX: an array, a matrix product, and the device it ran on."""

import jax
import jax.numpy as jnp

# Placed on jax.devices()[0]: a GPU or TPU when there is one.
a = jnp.array([[1.0, 2.0], [3.0, 4.0]])
product = a @ a.T
print("jax", jax.__version__, "on", product.device)
print(product)
print("sum:", product.sum().item())
