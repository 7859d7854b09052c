"""One Keras file, three backends: this script runs itself once with no backend chosen
(Keras's default), then on PyTorch and on JAX.

The backend is fixed when keras is imported, so each run is its own process; a run
prints the backend Keras really used, the type of tensor the model returned, and whether
`fit` compiles its training step with XLA (`jit_compile="auto"`, the default, decides
per backend and machine).
"""

import os
import subprocess
import sys

CHOSEN = ("default", "torch", "jax")  # "default": KERAS_BACKEND left unset


def train_and_report(chosen: str) -> None:
    import keras
    from sklearn.datasets import load_digits
    from sklearn.model_selection import train_test_split

    digits = load_digits()
    x_train, x_test, y_train, y_test = train_test_split(
        digits.data / 16.0, digits.target,
        test_size=0.25, random_state=0, stratify=digits.target,
    )
    keras.utils.set_random_seed(0)
    model = keras.Sequential([
        keras.Input(shape=(64,)),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(10, activation="softmax"),
    ])
    # Drawn by the backend's random generator.
    first_weight = float(model.layers[0].get_weights()[0][0, 0])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])
    # What jit_compile="auto", the default, resolved to on this backend and machine.
    compiled = model.jit_compile
    model.fit(x_train, y_train, epochs=5, batch_size=32, verbose=0)
    output = model(x_test[:1])
    accuracy = model.evaluate(x_test, y_test, verbose=0)[1]
    print(f"KERAS_BACKEND={chosen:8} backend {keras.config.backend():10} "
          f"output type {type(output).__module__.split('.')[0]}."
          f"{type(output).__name__:12} "
          f"jit_compile {compiled!s:5}  first initial weight {first_weight:+.4f}  "
          f"test accuracy {accuracy:.3f}")


if len(sys.argv) == 2:  # a child run: python backends_keras.py <backend or "default">
    if sys.argv[1] == "default":
        os.environ.pop("KERAS_BACKEND", None)
    else:
        # Before keras is imported, in train_and_report.
        os.environ["KERAS_BACKEND"] = sys.argv[1]
    train_and_report(sys.argv[1])
else:
    # The same file, once per backend, each in a fresh interpreter.
    for chosen in CHOSEN:
        run = subprocess.run([sys.executable, __file__, chosen],
                             capture_output=True, text=True)
        if run.returncode != 0:
            sys.exit(f"the {chosen} run failed:\n{run.stderr}")
        print(run.stdout, end="")
