"""The functional API: layers called on tensors, for models with several inputs or a
skip connection."""

import os

os.environ["KERAS_BACKEND"] = "tensorflow"

import keras
import numpy as np

pixels = keras.Input(shape=(64,), name="pixels")
# A second input, which Sequential cannot take.
hour = keras.Input(shape=(1,), name="hour")

hidden = keras.layers.Dense(32, activation="relu")(pixels)
# A skip connection around the layer.
skip = keras.layers.Add()([hidden, keras.layers.Dense(32)(pixels)])
merged = keras.layers.Concatenate()([skip, hour])
outputs = keras.layers.Dense(10, activation="softmax", name="digit")(merged)
model = keras.Model(inputs=[pixels, hour], outputs=outputs)

model.summary(print_fn=print)  # "Connected to" shows the graph the calls built

batch = {"pixels": np.zeros((2, 64), "float32"), "hour": np.ones((2, 1), "float32")}
print("a batch of 2 gives", tuple(model(batch).shape))
