"""What changed in Keras: a standalone, multi-backend library again - checked, not
recalled."""

import os
import subprocess
import sys
import warnings
from importlib.metadata import requires

os.environ["KERAS_BACKEND"] = "tensorflow"

import keras
import numpy as np

print("keras", keras.__version__, "is its own package; tensorflow depends on it:",
      [requirement for requirement in requires("tensorflow")
       if requirement.startswith("keras")])

# This process runs on TensorFlow; each other backend in its own process, since the
# backend is fixed at import.
print(f"KERAS_BACKEND=tensorflow: {keras.config.backend()}")
for backend in ("torch", "jax"):
    code = "import keras; print(keras.config.backend())"
    env = os.environ | {"KERAS_BACKEND": backend}
    run = subprocess.run([sys.executable, "-c", code], env=env,
                         capture_output=True, text=True)
    if run.returncode == 0:
        found = run.stdout.strip()
    else:
        found = f"unavailable ({run.stderr.strip().splitlines()[-1]})"
    print(f"KERAS_BACKEND={backend}: {found}")

with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    keras.layers.Dense(1, input_shape=(3,))
print("Dense(input_shape=...) warns:", str(caught[0].message).split(". ")[0])

model = keras.Sequential([keras.Input(shape=(3,)), keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
result = model.evaluate(np.zeros((4, 3)), np.zeros((4, 1)), verbose=0)
print("evaluate() with one loss and no metric returns a", type(result).__name__)
