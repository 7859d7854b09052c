"""Data-parallel training with tf.distribute.MultiWorkerMirroredStrategy: 2 workers,
checked against 1.

Run as `python multiworker_tensorflow.py`: it starts two worker processes of itself on
this machine, each told its place in the cluster by TF_CONFIG, then trains the same
model in one process with the default strategy and compares the weights. The training
loop is a custom one: Keras 3's `fit` is reported not to work under this strategy.
"""

import json
import os
import socket
import subprocess
import sys
import tempfile
import time

import numpy as np
from sklearn.datasets import load_digits

WORKERS, GLOBAL_BATCH, EPOCHS, LEARNING_RATE, TOLERANCE = 2, 64, 3, 0.1, 1e-5
TIMEOUT = 300  # seconds for the whole distributed run


def digits():
    data = load_digits()
    count = len(data.target) // GLOBAL_BATCH * GLOBAL_BATCH  # whole batches only
    pixels = (data.data[:count] / 16.0).astype(np.float32)
    return pixels, data.target[:count].astype(np.int32)


def initial_weights():
    rng = np.random.default_rng(seed=0)  # the same initial weights in every process
    return [
        (rng.normal(size=(64, 32)) * np.sqrt(2 / 64)).astype(np.float32),
        np.zeros(32, np.float32),
        (rng.normal(size=(32, 10)) * np.sqrt(2 / 32)).astype(np.float32),
        np.zeros(10, np.float32),
    ]


def train(strategy):
    """Train with `strategy` and return (flat weights, how many samples this worker
    saw)."""
    import tensorflow as tf

    pixels, labels = digits()
    seen = []

    def dataset_fn(context):
        # Each worker reads its own shard: elements index, index + 2, index + 4, ...
        shard = tf.data.Dataset.from_tensor_slices((pixels, labels)).shard(
            context.num_input_pipelines, context.input_pipeline_id
        )
        seen.append(len(pixels) // context.num_input_pipelines)
        per_replica = context.get_per_replica_batch_size(GLOBAL_BATCH)
        return shard.batch(per_replica).repeat(EPOCHS)

    batches = strategy.distribute_datasets_from_function(dataset_fn)
    with strategy.scope():
        weights = [tf.Variable(value) for value in initial_weights()]

    def replica_step(x, y):
        with tf.GradientTape() as tape:
            hidden = tf.nn.relu(x @ weights[0] + weights[1])
            logits = hidden @ weights[2] + weights[3]
            per_example = tf.nn.sparse_softmax_cross_entropy_with_logits(y, logits)
            loss = tf.nn.compute_average_loss(
                per_example, global_batch_size=GLOBAL_BATCH
            )
        gradients = tape.gradient(loss, weights)
        # Sum the gradients of all replicas: together they are the gradient of the
        # global batch.
        gradients = tf.distribute.get_replica_context().all_reduce("sum", gradients)
        for weight, gradient in zip(weights, gradients):
            weight.assign_sub(LEARNING_RATE * gradient)

    @tf.function
    def step(batch):
        strategy.run(replica_step, args=batch)

    for batch in batches:
        step(batch)
    return np.concatenate([w.numpy().ravel() for w in weights]), seen[0]


def worker(index: int, ports: list[int], results: str) -> None:
    cluster = {"worker": [f"127.0.0.1:{port}" for port in ports]}
    task = {"type": "worker", "index": index}
    os.environ["TF_CONFIG"] = json.dumps({"cluster": cluster, "task": task})
    import tensorflow as tf  # after TF_CONFIG: the strategy reads it when it is created

    flat, samples = train(tf.distribute.MultiWorkerMirroredStrategy())
    np.save(os.path.join(results, f"worker{index}.npy"), flat)
    with open(os.path.join(results, f"worker{index}.txt"), "w") as file:
        file.write(f"worker {index}: {samples} of {len(digits()[1])} samples, "
                   f"one element in {WORKERS}")


def free_ports(count: int) -> list[int]:
    probes = [socket.socket() for _ in range(count)]
    for probe in probes:
        probe.bind(("127.0.0.1", 0))
    ports = [probe.getsockname()[1] for probe in probes]
    for probe in probes:
        probe.close()
    return ports


def run_workers(results: str) -> None:
    """Start the workers; stop them all as soon as one fails or time runs out."""
    ports = free_ports(WORKERS)
    logs = [open(os.path.join(results, f"worker{i}.log"), "w") for i in range(WORKERS)]
    port_list = ",".join(map(str, ports))
    workers = [
        subprocess.Popen(
            [sys.executable, __file__, "--worker", str(i), port_list, results],
            stdout=logs[i], stderr=subprocess.STDOUT,
        )
        for i in range(WORKERS)
    ]
    deadline = time.monotonic() + TIMEOUT
    try:
        # Poll every worker, every time.
        while None in (statuses := [w.poll() for w in workers]):
            failed = [i for i, status in enumerate(statuses) if status not in (None, 0)]
            if failed:
                with open(os.path.join(results, f"worker{failed[0]}.log")) as log:
                    last = (log.read().strip().splitlines() or ["(no output)"])[-1]
                raise SystemExit(f"worker {failed[0]} exited with status "
                                 f"{statuses[failed[0]]}: {last}")
            if time.monotonic() > deadline:
                raise SystemExit(f"the workers did not finish within {TIMEOUT} s")
            time.sleep(0.2)
        if any(statuses):
            raise SystemExit(f"a worker failed: exit statuses {statuses}")
    finally:
        for w in workers:  # no worker outlives the run, whatever happened
            if w.poll() is None:
                w.kill()
            w.wait()
        for log in logs:
            log.close()


if __name__ == "__main__":
    if sys.argv[1:2] == ["--worker"]:
        ports = [int(port) for port in sys.argv[3].split(",")]
        worker(int(sys.argv[2]), ports, sys.argv[4])
        sys.exit()

    with tempfile.TemporaryDirectory() as results:
        run_workers(results)
        for index in range(WORKERS):
            with open(os.path.join(results, f"worker{index}.txt")) as file:
                print(file.read())
        trained = [np.load(os.path.join(results, f"worker{index}.npy"))
                   for index in range(WORKERS)]

    import tensorflow as tf  # only now: this process is not part of the cluster

    single, _ = train(tf.distribute.get_strategy())
    between_workers = float(np.abs(trained[0] - trained[1]).max())
    versus_single = float(np.abs(trained[0] - single).max())
    print(f"max |worker 0 - worker 1| = {between_workers:.1e}")
    print(f"max |MultiWorkerMirrored - single process| = {versus_single:.1e} "
          f"(tolerance {TOLERANCE:.0e})")
    if between_workers != 0.0 or versus_single > TOLERANCE:
        raise SystemExit("distributed training did not compute what single-process "
                         "training computes")
