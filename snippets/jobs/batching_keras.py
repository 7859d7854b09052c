"""Data loading and batching in Keras 3: fit() batches arrays itself; a PyDataset serves
custom data."""

import os

os.environ["KERAS_BACKEND"] = "torch"

import keras
import numpy as np

features = np.arange(100 * 3, dtype=np.float32).reshape(100, 3)
labels = np.arange(100) % 2


class Batches(keras.utils.PyDataset):
    """Serves the arrays in batches of 32; a real one would read files here."""

    def __len__(self):
        return int(np.ceil(len(features) / 32))

    def __getitem__(self, index):
        rows = slice(index * 32, (index + 1) * 32)
        return features[rows], labels[rows]


batches = Batches()
print("batches per epoch:", len(batches))
for index in range(len(batches)):
    batch_features, batch_labels = batches[index]
    print("features", batch_features.shape, "labels", batch_labels.shape)

# fit() does the same batching itself when given arrays and a batch_size.
model = keras.Sequential([
    keras.Input(shape=(3,)),
    keras.layers.Dense(2, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
steps = []
count_steps = keras.callbacks.LambdaCallback(
    on_train_batch_end=lambda batch, logs: steps.append(batch)
)
model.fit(features, labels, batch_size=32, epochs=1, verbose=0,
          callbacks=[count_steps])
print("fit(batch_size=32) ran", len(steps), "steps in one epoch")
