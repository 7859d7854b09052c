"""Pitfall: code that uses `tf.` without `import tensorflow as tf` (as many Keras
samples online do)."""

import os
import subprocess
import sys
import tempfile

BROKEN = """
import keras
features = tf.random.normal((100, 3))  # tf was never imported
"""
FIXED = """
import keras
features = keras.random.normal((100, 3), seed=0)  # Keras 3 has its own random functions
print("features", tuple(features.shape))
"""

for label, code in (("broken", BROKEN), ("fixed", FIXED)):
    with tempfile.TemporaryDirectory() as folder:
        script = os.path.join(folder, "train.py")
        with open(script, "w") as file:
            file.write(code)
        run = subprocess.run([sys.executable, script], capture_output=True, text=True)
    last_line = (run.stdout or run.stderr).strip().splitlines()[-1]
    print(f"{label}: exit status {run.returncode}: {last_line}")
