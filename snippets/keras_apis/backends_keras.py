"""One Keras file, two backends: this script runs itself once on TensorFlow and once on PyTorch.

The backend is fixed when keras is imported, so each run is its own process; a run prints the
backend Keras really used and the type of tensor the model returned.
"""

import os
import subprocess
import sys

BACKENDS = ("tensorflow", "torch")


def train_and_report() -> None:
    import keras
    from sklearn.datasets import load_digits
    from sklearn.model_selection import train_test_split

    digits = load_digits()
    x_train, x_test, y_train, y_test = train_test_split(
        digits.data / 16.0, digits.target, test_size=0.25, random_state=0, stratify=digits.target
    )
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input(shape=(64,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(10, activation="softmax")])
    first_weight = float(model.layers[0].get_weights()[0][0, 0])  # drawn by the backend's random generator
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    model.fit(x_train, y_train, epochs=20, batch_size=32, verbose=0)
    output = model(x_test[:1])
    accuracy = model.evaluate(x_test, y_test, verbose=0)[1]
    print(f"backend {keras.config.backend():10} output type {type(output).__module__.split('.')[0]}.{type(output).__name__:12} "
          f"first initial weight {first_weight:+.4f}  test accuracy {accuracy:.3f}")


if len(sys.argv) == 2:  # a child run: python backends_keras.py <backend>
    os.environ["KERAS_BACKEND"] = sys.argv[1]  # before keras is imported, in train_and_report
    train_and_report()
else:
    for backend in BACKENDS:  # the same file, once per backend, each in a fresh interpreter
        run = subprocess.run([sys.executable, __file__, backend], capture_output=True, text=True)
        if run.returncode != 0:
            sys.exit(f"the {backend} run failed:\n{run.stderr}")
        print(run.stdout, end="")
