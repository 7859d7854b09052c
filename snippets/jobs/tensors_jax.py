"""Tensor operations in JAX: jax.numpy is NumPy's interface, on arrays that never
change."""

import jax.numpy as jnp
import numpy as np

prices = jnp.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
print("shape", prices.shape, "dtype", prices.dtype)

discount = jnp.array([1.0, 0.5, 0.0])
print("broadcast:", (prices * discount).tolist())  # (2, 3) * (3,) -> (2, 3)
print("sum of each row:", prices.sum(axis=1).tolist())
print("matrix product:", (prices @ prices.T).tolist())

# JAX arrays are immutable: .at[...].set returns a new array and leaves the old one as
# it was.
updated = prices.at[0, 0].set(7.0)
print("after .at[0, 0].set(7.0):", updated[0].tolist(),
      "- the original still starts with", prices[0, 0].item())

# jnp.asarray copies a NumPy array onto the device: a later change to the NumPy side
# does not show.
array = np.zeros(3, dtype=np.float32)
copied = jnp.asarray(array)
array[0] = 7.0
print("copied from NumPy:", copied.tolist())
