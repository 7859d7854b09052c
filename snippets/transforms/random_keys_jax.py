"""Random numbers in JAX: no global seed; a key is passed explicitly, split, and never
reused."""

import jax

key = jax.random.key(42)
print("the same key gives the same numbers:",
      bool((jax.random.normal(key, (3,)) == jax.random.normal(key, (3,))).all()))

# To draw again, split the key: each new key gives independent numbers.
key, init_key, dropout_key = jax.random.split(key, 3)
print("init draws:   ",
      [f"{value:+.4f}" for value in jax.random.normal(init_key, (3,)).tolist()])
print("dropout draws:",
      [f"{value:+.4f}" for value in jax.random.normal(dropout_key, (3,)).tolist()])



# A function that needs randomness takes a key: the draws depend on the key alone,
# compiled or not.
def noise(key, shape):
    return jax.random.normal(key, shape)


jitted = jax.jit(noise, static_argnums=1)
print("the same draws inside jit:",
      bool((jitted(init_key, (3,)) == noise(init_key, (3,))).all()))
print("a key is a", jax.random.key_data(key).dtype,
      "array of shape", jax.random.key_data(key).shape, "under the hood")
