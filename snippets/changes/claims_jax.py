"""JAX, which the article did not mention: what the installed version offers, checked
rather than recalled."""

import importlib.util

import jax
import jax.numpy as jnp

platforms = sorted({device.platform for device in jax.devices()})
print("jax", jax.__version__, "on", ", ".join(platforms))
print("jax.numpy mirrors NumPy: jnp.linalg.solve is",
      callable(getattr(jnp.linalg, "solve", None)))
print("64-bit floats by default:", jax.config.jax_enable_x64,
      "- arrays are float32 unless jax_enable_x64 is set")
print("jax.export (StableHLO, saved and run later) built in:",
      callable(getattr(jax.export, "export", None)))
print("an ONNX exporter built in:", importlib.util.find_spec("jax.onnx") is not None,
      "- ONNX comes from the separate jax2onnx package:",
      importlib.util.find_spec("jax2onnx") is not None)
