"""Callbacks: code that fit() calls at each epoch - stop early, keep the best weights,
log progress."""

import os
import tempfile

os.environ["KERAS_BACKEND"] = "tensorflow"

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
model.compile(optimizer=keras.optimizers.Adam(0.01),
              loss="sparse_categorical_crossentropy", metrics=["accuracy"])


class PrintEvery5(keras.callbacks.Callback):
    def on_epoch_end(self, epoch, logs=None):
        if (epoch + 1) % 5 == 0:
            print(f"epoch {epoch + 1:3d}: val_loss {logs['val_loss']:.4f}  "
                  f"val_accuracy {logs['val_accuracy']:.3f}")


with tempfile.TemporaryDirectory() as folder:
    best_file = os.path.join(folder, "best.keras")
    history = model.fit(
        x_train, y_train, validation_split=0.2, epochs=200, batch_size=32, verbose=0,
        callbacks=[
            keras.callbacks.EarlyStopping(
                monitor="val_loss", patience=5, restore_best_weights=True
            ),
            keras.callbacks.ModelCheckpoint(
                best_file, monitor="val_loss", save_best_only=True
            ),
            PrintEvery5(),
        ],
    )
    print(f"stopped after {len(history.history['loss'])} of 200 epochs; "
          f"best checkpoint saved: {os.path.exists(best_file)}")
test_accuracy = model.evaluate(x_test, y_test, verbose=0)[1]
print(f"test accuracy with the best weights: {test_accuracy:.3f}")
