"""Automatic differentiation in JAX: jax.grad turns a function into the function of its
gradient."""

import jax
import jax.numpy as jnp


def f(x):  # f(x) = x³ + 2x, so df/dx = 3x² + 2
    # jax.grad needs a scalar output: one gradient per element.
    return jnp.sum(x**3 + 2 * x)


x = jnp.array([-1.0, 0.0, 0.5, 2.0])
gradient = jax.grad(f)(x)  # no tape and no .backward(): grad(f) is itself a function

analytic = 3 * x**2 + 2
print("autograd:", gradient.tolist())
print("by hand: ", analytic.tolist())
print("max difference:", jnp.abs(gradient - analytic).max().item())
