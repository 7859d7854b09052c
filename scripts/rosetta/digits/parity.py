"""Each runtime of the parity table: the shared weights and input batch in, its outputs out.

Keyed by the slugs of rosetta.vocabulary.PARITY_RUNTIMES; a framework and Keras on it share a
process (scripts/workers/parity_runtime.py), because the Keras backend is fixed at import. The exported
files (ONNX, LiteRT) are the deployment matrix's: the parity table reads its measurements.
"""

from rosetta.digits.runtimes import flax_model, keras_model, one_tensorflow_thread, torch_call, torch_model


def tensorflow_raw(weights, inputs, folder):
    """The forward pass in TensorFlow ops, no Keras: the raw-TensorFlow runtime under test."""
    import tensorflow as tf

    one_tensorflow_thread()
    hidden = tf.constant(inputs)
    layers = len(weights) // 2
    for index in range(layers):
        hidden = tf.matmul(hidden, tf.constant(weights[f"w{index}"])) + weights[f"b{index}"]
        if index < layers - 1:
            hidden = tf.nn.relu(hidden)
    return hidden.numpy()


def keras_call(weights, inputs, folder):
    import keras

    return keras.ops.convert_to_numpy(keras_model(weights)(inputs))


def pytorch(weights, inputs, folder):
    return torch_call(torch_model(weights))(inputs)


def jax_flax(weights, inputs, folder):
    import jax
    import numpy as np
    from flax import nnx

    return np.asarray(nnx.jit(lambda model, x: model(x))(flax_model(weights), jax.numpy.asarray(inputs)))


RUNTIMES = {
    "pytorch": pytorch,
    "tensorflow-raw": tensorflow_raw,
    "keras-tensorflow": keras_call,
    "keras-torch": keras_call,
    "jax": jax_flax,
    "keras-jax": keras_call,
}
