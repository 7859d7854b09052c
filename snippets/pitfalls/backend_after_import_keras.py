"""Pitfall: setting KERAS_BACKEND after `import keras` is silently ignored."""

import os
import subprocess
import sys

import keras

# Too late: the backend was fixed by the import above.
os.environ["KERAS_BACKEND"] = "torch"
print("asked for torch after the import, got:", keras.config.backend())

# The fix: set it before the first import - or in the shell - in a fresh process.
FIXED = (
    "import os\n"
    "os.environ['KERAS_BACKEND'] = 'torch'\n"
    "import keras\n"
    "print(keras.config.backend())"
)
# Prove the fix alone works.
clean = {name: value for name, value in os.environ.items() if name != "KERAS_BACKEND"}
run = subprocess.run([sys.executable, "-c", FIXED], env=clean,
                     capture_output=True, text=True)
print("set before the import, got:", run.stdout.strip())
