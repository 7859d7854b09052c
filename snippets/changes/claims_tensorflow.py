"""What changed in TensorFlow since the 1.x days and since TF Lite, checked on the
installed version."""

import warnings

import tensorflow as tf

print("tensorflow", tf.__version__)
print("eager by default:", tf.executing_eagerly())
print("tf.keras is Keras", tf.keras.__version__, "(Keras 3 since TensorFlow 2.16)")

with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    try:
        tf.lite.Interpreter(model_content=b"")  # empty model: we only want the warning
    except ValueError:
        pass
warning_words = str(caught[0].message).split()
print("tf.lite.Interpreter warns:", " ".join(warning_words[1:20]), "...")
