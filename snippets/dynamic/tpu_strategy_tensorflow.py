"""Setting up TPUStrategy, with the fallback that lets the same script run on a machine
without a TPU."""

import tensorflow as tf

try:
    # Finds a TPU VM's TPU, or raises.
    resolver = tf.distribute.cluster_resolver.TPUClusterResolver()
    tf.config.experimental_connect_to_cluster(resolver)
    tf.tpu.experimental.initialize_tpu_system(resolver)
    strategy = tf.distribute.TPUStrategy(resolver)
except (ValueError, tf.errors.NotFoundError) as error:
    print("no TPU found:", str(error).splitlines()[0])
    strategy = tf.distribute.get_strategy()  # the default strategy: this one device

print("strategy:", type(strategy).__name__,
      "with", strategy.num_replicas_in_sync, "replica(s)")

# Variables created in the scope are placed by the strategy: on TPU cores, or here on
# the CPU.
with strategy.scope():
    model = tf.keras.Sequential([tf.keras.Input(shape=(4,)), tf.keras.layers.Dense(1)])
# .value: the backend's own variable
print("model variables live on:", model.weights[0].value.device)
