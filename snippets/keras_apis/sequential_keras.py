"""The Sequential API: a stack of layers, one input, one output - most models a beginner
builds."""

import os

os.environ["KERAS_BACKEND"] = "tensorflow"

import keras
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

digits = load_digits()  # 1,797 8x8 images, bundled with scikit-learn
x_train, x_test, y_train, y_test = train_test_split(
    digits.data / 16.0, digits.target,
    test_size=0.25, random_state=0, stratify=digits.target,
)

keras.utils.set_random_seed(0)
model = keras.Sequential([
    # Keras 3 prefers an Input layer to input_shape= on the first layer.
    keras.Input(shape=(64,)),
    keras.layers.Dense(64, activation="relu"),
    keras.layers.Dense(10, activation="softmax"),
])
# summary() writes to sys.stdout; print_fn makes that explicit.
model.summary(print_fn=print)

model.compile(optimizer="adam", loss="sparse_categorical_crossentropy",
              metrics=["accuracy"])
model.fit(x_train, y_train, epochs=20, batch_size=32, verbose=0)
loss, accuracy = model.evaluate(x_test, y_test, verbose=0)
print(f"test accuracy {accuracy:.3f}")
