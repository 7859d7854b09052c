"""Pitfall: calling a tf.function with Python numbers traces a new graph for every new
value."""

import logging
import re

import tensorflow as tf


class KeepWarnings(logging.Handler):
    """Keeps TensorFlow's log messages, to print the retracing warning below."""

    messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


logging.getLogger("tensorflow").addHandler(KeepWarnings())

traces = 0


@tf.function
def double(x):
    global traces
    traces += 1  # runs only while tracing
    return x * 2


for step in range(8):
    # A Python float is part of the signature: each new value retraces.
    double(float(step))
print("Python floats:", traces, "traces for 8 calls")
first_sentence = KeepWarnings.messages[0].split(". ")[0]
# Drop the memory address.
print("TensorFlow warned:", re.sub(r" at 0x[0-9a-f]+", "", first_sentence))

traces = 0
# A fresh function, to count again from zero.
double = tf.function(double.python_function)
for step in range(8):
    # The fix: pass tensors, whose value is not in the signature.
    double(tf.constant(float(step)))
print("tensors:", traces, "trace for 8 calls")
