"""Pitfall: JAX neither refuses float64 nor keeps it: with 64-bit mode off (the
default), arrays become float32."""

import jax
import jax.numpy as jnp
import numpy as np
from flax import nnx

features = np.random.default_rng(0).normal(size=(4, 3))  # float64, NumPy's default
layer = nnx.Linear(3, 1, rngs=nnx.Rngs(0))
output = layer(jnp.asarray(features))
print(f"{features.dtype} into a {layer.kernel.dtype} nnx.Linear gives {output.dtype}, "
      f"shape {tuple(output.shape)}")

precise = np.array([1.0 + 1e-9])  # a difference float32 cannot hold
print(f"jnp.asarray makes it {jnp.asarray(precise).dtype}: "
      f"1 + 1e-9 - 1 = {float(jnp.asarray(precise)[0] - 1.0)}")

# At start-up, before any array is made, in a real program.
jax.config.update("jax_enable_x64", True)
print(f"fixed with jax_enable_x64: {jnp.asarray(precise).dtype}, "
      f"1 + 1e-9 - 1 = {float(jnp.asarray(precise)[0] - 1.0):.1e}")
