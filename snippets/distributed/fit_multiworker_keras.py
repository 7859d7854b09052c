"""Does Keras 3's model.fit work under tf.distribute.MultiWorkerMirroredStrategy? Run
it and see.

Starts two worker processes of this file on this machine, each calling model.fit inside
the strategy's scope, and reports how each one ended.
"""

import json
import os
import re
import socket
import subprocess
import sys

import numpy as np

WORKERS, TIMEOUT = 2, 180


def worker(index: int, addresses: list[str]) -> None:
    cluster = {"worker": addresses}
    task = {"type": "worker", "index": index}
    os.environ["TF_CONFIG"] = json.dumps({"cluster": cluster, "task": task})
    os.environ["KERAS_BACKEND"] = "tensorflow"
    import keras
    import tensorflow as tf

    strategy = tf.distribute.MultiWorkerMirroredStrategy()
    with strategy.scope():
        model = keras.Sequential([keras.Input(shape=(64,)), keras.layers.Dense(10)])
        loss = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
        model.compile(optimizer="sgd", loss=loss)
    rng = np.random.default_rng(seed=0)
    pixels, labels = rng.random((256, 64), dtype=np.float32), rng.integers(0, 10, 256)
    try:
        model.fit(pixels, labels, batch_size=64, epochs=1, verbose=0)
        print("model.fit finished")
    except Exception as error:  # report the failure instead of a traceback
        # Elide the tensor values.
        message = re.sub(r"\{.*\}", "{...}", " ".join(str(error).split()))
        print(f"model.fit raised {type(error).__name__}: {message}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--worker"]:
        worker(int(sys.argv[2]), sys.argv[3].split(","))
        sys.exit()

    probes = [socket.socket() for _ in range(WORKERS)]
    for probe in probes:
        probe.bind(("127.0.0.1", 0))  # free ports, chosen now
    addresses = ",".join(f"127.0.0.1:{probe.getsockname()[1]}" for probe in probes)
    for probe in probes:
        probe.close()
    workers = [
        subprocess.Popen(
            [sys.executable, __file__, "--worker", str(i), addresses],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
        )
        for i in range(WORKERS)
    ]
    try:
        for index, process in enumerate(workers):
            output, _ = process.communicate(timeout=TIMEOUT)
            print(f"worker {index} (exit status {process.returncode}):")
            print(output.strip())
    finally:
        for process in workers:  # no worker outlives this run
            process.kill()
            process.wait()
