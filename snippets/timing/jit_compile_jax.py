"""jax.jit: the first call traces the Python function and compiles it with XLA; later
calls reuse the result.

The timings are medians of repeated calls, after block_until_ready (JAX dispatches work
asynchronously, so a call returns before its result is computed).
"""

import statistics
import time

import jax
import jax.numpy as jnp


def mlp(params, x):
    hidden = jax.nn.relu(x @ params["w1"] + params["b1"])
    return hidden @ params["w2"] + params["b2"]


key_w1, key_w2, key_x = jax.random.split(jax.random.key(0), 3)
params = {"w1": jax.random.normal(key_w1, (256, 256)) * 0.05, "b1": jnp.zeros(256),
          "w2": jax.random.normal(key_w2, (256, 10)) * 0.05, "b2": jnp.zeros(10)}
x = jax.random.normal(key_x, (64, 256))
compiled = jax.jit(mlp)


def seconds(function, *args) -> float:
    start = time.perf_counter()
    function(*args).block_until_ready()
    return time.perf_counter() - start


first_call = seconds(compiled, params, x)  # trace + compile + run
later = statistics.median(seconds(compiled, params, x) for _ in range(50))
# Op by op, no compilation.
eager = statistics.median(seconds(mlp, params, x) for _ in range(50))
print(f"first call of jax.jit(mlp): {first_call * 1e3:8.2f} ms  "
      f"(tracing and XLA compilation included)")
print(f"later calls, median of 50:  {later * 1e3:8.3f} ms")
print(f"without jit, median of 50:  {eager * 1e3:8.3f} ms")
print(f"the first call cost {first_call / later:.0f} times a later one")
same = jnp.allclose(compiled(params, x), mlp(params, x), atol=1e-5)
print("same result with and without jit:", bool(same))

# A new input shape is a new program: jit traces and compiles again.
new_shape_call = seconds(compiled, params, jnp.ones((65, 256)))
print(f"first call with a batch of 65: {new_shape_call * 1e3:.2f} ms (compiled again)")
