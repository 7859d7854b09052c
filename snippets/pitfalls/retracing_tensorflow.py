"""Pitfall: calling a tf.function with Python numbers traces a new graph for every new value."""

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
    double(float(step))  # a Python float is part of the signature: each new value retraces
print("Python floats:", traces, "traces for 8 calls")
first_sentence = KeepWarnings.messages[0].split(". ")[0]
print("TensorFlow warned:", re.sub(r" at 0x[0-9a-f]+", "", first_sentence))  # drop the memory address

traces = 0
double = tf.function(double.python_function)  # a fresh function, to count again from zero
for step in range(8):
    double(tf.constant(float(step)))  # the fix: pass tensors, whose value is not in the signature
print("tensors:", traces, "trace for 8 calls")
