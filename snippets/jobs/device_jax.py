"""Hardware acceleration in JAX: arrays go to the first device JAX finds (GPU or TPU
before CPU)."""

import jax
import jax.numpy as jnp

devices = jax.devices()  # the default backend's devices: TPU, else GPU, else CPU
print("default backend:", jax.default_backend(), "- devices:", devices)
print("GPUs visible:", sum(device.platform == "gpu" for device in devices))

# jax.device_put places an array on a chosen device; otherwise it lands on devices[0].
weights = jax.device_put(jnp.ones((256, 256)), devices[0])
product = weights @ weights
print("computed on", product.device, "- first value", product[0, 0].item())
