"""Pytrees: JAX functions take and return nested dicts, lists and tuples of arrays, and
transformations follow the nesting."""

import jax
import jax.numpy as jnp

params = {
    "encoder": {"kernel": jnp.ones((3, 2)), "bias": jnp.zeros(2)},
    "head": [jnp.full((2, 1), 0.5), jnp.zeros(1)],
}
leaves, structure = jax.tree.flatten(params)
print("leaves:", len(leaves), "- shapes", [leaf.shape for leaf in leaves])
print("parameters:", sum(leaf.size for leaf in leaves))


def model(params, x):
    hidden = jnp.tanh(x @ params["encoder"]["kernel"] + params["encoder"]["bias"])
    kernel, bias = params["head"]
    return (hidden @ kernel + bias).sum()


# The gradient has the same nesting as the parameters: one array per leaf.
grads = jax.grad(model)(params, jnp.array([[1.0, 2.0, 3.0]]))
print("gradient keys:", list(grads),
      "- head is a", type(grads["head"]).__name__, "of", len(grads["head"]))

# A plain SGD step over the whole tree, leaf by leaf: what optax does under the hood.
updated = jax.tree.map(lambda p, g: p - 0.1 * g, params, grads)
print(f"bias of the head after one step: {updated['head'][1][0]:.4f}")
print("same structure after the step:", jax.tree.structure(updated) == structure)
