"""The shared digits classifier (64 -> 512 -> 512 -> 10), its test images and its float64 reference."""

import warnings

import numpy as np


# The measurements' names of what the deployment matrix saves for other pages: the weights and test images,
# PyTorch's ONNX file of them, and the test labels with PyTorch's logits.
CLASSIFIER, CLASSIFIER_ONNX, CLASSIFIER_TEST = "digits_classifier", "digits_classifier.onnx", "digits_classifier_test"


def trained_digits_model():
    """Weights as plain arrays (dense layers w0/b0, w1/b1, ... with ReLU between), test images and labels."""
    from sklearn.datasets import load_digits
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.model_selection import train_test_split
    from sklearn.neural_network import MLPClassifier

    digits = load_digits()
    x_train, x_test, y_train, y_test = train_test_split(
        digits.data / 16.0, digits.target, test_size=0.25, random_state=0, stratify=digits.target
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)  # a short training is enough here
        classifier = MLPClassifier(hidden_layer_sizes=(512, 512), max_iter=30, random_state=0).fit(x_train, y_train)
    weights = {f"w{i}": w.astype(np.float32) for i, w in enumerate(classifier.coefs_)}
    weights |= {f"b{i}": b.astype(np.float32) for i, b in enumerate(classifier.intercepts_)}
    return weights, x_test.astype(np.float32), y_test


def layer_sizes(weights) -> list[tuple[int, int]]:
    """(inputs, outputs) of each dense layer, read from the weights: w0, w1, ... are (in, out)."""
    return [weights[f"w{index}"].shape for index in range(len(weights) // 2)]


def reference_logits(weights: dict, inputs: np.ndarray) -> np.ndarray:
    """The forward pass in float64 NumPy: what every runtime is compared with."""
    layers = len(weights) // 2
    hidden = inputs.astype(np.float64)
    for index in range(layers):
        hidden = hidden @ weights[f"w{index}"] + weights[f"b{index}"]
        if index < layers - 1:
            hidden = np.maximum(hidden, 0.0)
    return hidden


def differences(outputs: np.ndarray, reference: np.ndarray) -> tuple[float, float]:
    """Largest absolute difference, and the same relative to the reference's largest magnitude."""
    absolute = float(np.abs(outputs - reference).max())
    return absolute, absolute / float(np.abs(reference).max())


def save_workdir(folder, weights: dict, inputs: np.ndarray) -> None:
    """What a worker reads: weights.npz and inputs.npy."""
    np.savez(folder / "weights.npz", **weights)
    np.save(folder / "inputs.npy", inputs)


def load_workdir(folder) -> tuple[dict, np.ndarray]:
    return dict(np.load(folder / "weights.npz")), np.load(folder / "inputs.npy")
