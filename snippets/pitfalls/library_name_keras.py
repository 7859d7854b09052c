"""Pitfall: a script named after the library it imports (keras.py) imports itself
instead."""

import os
import subprocess
import sys
import tempfile

CODE = (
    "import keras\n"
    "model = keras.Sequential([keras.Input(shape=(3,)), keras.layers.Dense(1)])\n"
    "print('built', model.name)\n"
)

with tempfile.TemporaryDirectory() as folder:
    for name in ("keras.py", "train_keras.py"):
        script = os.path.join(folder, name)
        with open(script, "w") as file:
            file.write(CODE)
        run = subprocess.run([sys.executable, name], cwd=folder,
                             capture_output=True, text=True)
        last_line = (run.stdout or run.stderr).strip().splitlines()[-1]
        print(f"python {name}: exit status {run.returncode}: {last_line}")
        # The fix is to rename the file (and delete any stale keras.pyc).
        os.remove(script)
