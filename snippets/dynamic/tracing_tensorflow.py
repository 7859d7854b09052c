"""tf.function: eager Python traced into a graph; a new input signature means a new
trace."""

import tensorflow as tf

traces = 0


@tf.function
def scaled_sum(x):
    global traces
    traces += 1  # Python code runs only while tracing, never when the graph runs
    return tf.reduce_sum(x * 2.0)


print("eager by default:", tf.executing_eagerly())
inputs = (
    tf.constant([1.0, 2.0]),
    tf.constant([3.0, 4.0]),
    tf.constant([1.0, 2.0, 3.0]),
    tf.constant([[1.0]]),
    tf.constant([5.0, 6.0], dtype=tf.float64),
)
for value in inputs:
    result = scaled_sum(value)
    print(f"input shape {str(value.shape):7} {value.dtype.name:8} -> {float(result):5}"
          f"   traces so far: {traces}")

# The graph behind one trace: its operations, as TensorFlow will run them.
graph = scaled_sum.get_concrete_function(tf.TensorSpec([None], tf.float32)).graph
print("operations in the graph:", [op.type for op in graph.get_operations()])
