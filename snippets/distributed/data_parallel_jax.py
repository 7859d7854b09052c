"""Data-parallel training in JAX: 2 processes on this machine (jax.distributed, CPU
collectives), checked against 1 process.

Each process holds one CPU device and its own half of every global batch of 64. The
batch is one array sharded over the two devices, the parameters are replicated, and
jax.jit compiles the step for that layout: XLA inserts the all-reduce of the gradients
itself. Both processes end with the same weights, and those are the weights one process
gets when it trains on the whole batch.
"""

import os
import socket
import subprocess
import sys
import tempfile
import time

import numpy as np

PROCESSES, GLOBAL_BATCH, EPOCHS = 2, 64, 3
LEARNING_RATE, TOLERANCE, TIMEOUT = 0.1, 1e-5, 120


def digits() -> tuple[np.ndarray, np.ndarray]:
    from sklearn.datasets import load_digits

    data = load_digits()
    # Whole batches only: no padding.
    count = len(data.target) // GLOBAL_BATCH * GLOBAL_BATCH
    return (data.data[:count] / 16.0).astype(np.float32), data.target[:count]


def train(pixels, labels, rows_per_step,
          to_global=lambda array: array, replicate=lambda tree: tree):
    """SGD on an MLP, one jitted step per global batch, of which this process holds
    `rows_per_step` rows; the two hooks place the data and the parameters."""
    import jax
    import jax.numpy as jnp

    # The same initial weights in every process.
    keys = jax.random.split(jax.random.key(0), 2)
    params = replicate({
        "w1": jax.random.normal(keys[0], (64, 32)) * 0.1, "b1": jnp.zeros(32),
        "w2": jax.random.normal(keys[1], (32, 10)) * 0.1, "b2": jnp.zeros(10),
    })

    def loss(params, x, y):
        hidden = jax.nn.relu(x @ params["w1"] + params["b1"])
        logits = hidden @ params["w2"] + params["b2"]
        log_probs = jax.nn.log_softmax(logits)
        return -jnp.mean(jnp.take_along_axis(log_probs, y[:, None], axis=1))

    @jax.jit
    def step(params, x, y):
        # A mean over the global batch: XLA all-reduces across devices.
        grads = jax.grad(loss)(params, x, y)
        return jax.tree.map(lambda p, g: p - LEARNING_RATE * g, params, grads)

    for _ in range(EPOCHS):
        for start in range(0, len(pixels), rows_per_step):
            rows = slice(start, start + rows_per_step)
            params = step(params, to_global(pixels[rows]), to_global(labels[rows]))
    leaves = jax.tree.leaves(params)
    return np.concatenate([np.asarray(jax.device_get(leaf)).ravel() for leaf in leaves])


def worker(index: int, port: int, results: str) -> None:
    import jax
    from jax.sharding import Mesh, NamedSharding, PartitionSpec

    jax.distributed.initialize(f"127.0.0.1:{port}", num_processes=PROCESSES,
                               process_id=index, initialization_timeout=60)
    # One CPU device per process: 2 in all.
    mesh = Mesh(np.array(jax.devices()), ("batch",))
    by_batch = NamedSharding(mesh, PartitionSpec("batch"))
    replicated = NamedSharding(mesh, PartitionSpec())
    pixels, labels = digits()
    # My half of each batch.
    batches = np.arange(len(labels)).reshape(-1, PROCESSES, GLOBAL_BATCH // PROCESSES)
    rows = batches[:, index].ravel()
    report = (f"process {index}: {len(rows)} of {len(labels)} samples, "
              f"indices {rows[:3].tolist()}...{rows[-1]}, "
              f"{jax.local_device_count()} local of {jax.device_count()} devices")
    flat = train(
        pixels[rows], labels[rows], GLOBAL_BATCH // PROCESSES,
        to_global=lambda local: jax.make_array_from_process_local_data(by_batch, local),
        replicate=lambda tree: jax.device_put(tree, replicated),
    )
    np.save(os.path.join(results, f"process{index}.npy"), flat)
    # Printed in order below.
    with open(os.path.join(results, f"process{index}.txt"), "w") as file:
        file.write(report)
    jax.distributed.shutdown()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def run_processes(results: str) -> None:
    """Start the processes; stop them all as soon as one fails or time runs out."""
    port = free_port()
    logs = [open(os.path.join(results, f"process{i}.log"), "w")
            for i in range(PROCESSES)]
    started = [
        subprocess.Popen(
            [sys.executable, __file__, "--worker", str(i), str(port), results],
            stdout=logs[i], stderr=subprocess.STDOUT,
        )
        for i in range(PROCESSES)
    ]
    deadline = time.monotonic() + TIMEOUT
    try:
        while None in (statuses := [process.poll() for process in started]):
            failed = [i for i, status in enumerate(statuses) if status not in (None, 0)]
            if failed:
                with open(os.path.join(results, f"process{failed[0]}.log")) as log:
                    last = (log.read().strip().splitlines() or ["(no output)"])[-1]
                raise SystemExit(f"process {failed[0]} exited with status "
                                 f"{statuses[failed[0]]}: {last}")
            if time.monotonic() > deadline:
                raise SystemExit(f"the processes did not finish within {TIMEOUT} s")
            time.sleep(0.2)
        if any(statuses):
            raise SystemExit(f"a process failed: exit statuses {statuses}")
    finally:
        for process in started:  # none outlives the run, whatever happened
            if process.poll() is None:
                process.kill()
            process.wait()
        for log in logs:
            log.close()


if __name__ == "__main__":
    if sys.argv[1:2] == ["--worker"]:
        worker(int(sys.argv[2]), int(sys.argv[3]), sys.argv[4])
        sys.exit()

    with tempfile.TemporaryDirectory() as results:
        run_processes(results)
        for index in range(PROCESSES):
            with open(os.path.join(results, f"process{index}.txt")) as file:
                print(file.read())
        trained = [np.load(os.path.join(results, f"process{index}.npy"))
                   for index in range(PROCESSES)]

    # This process was not part of the run: one device, the whole batch.
    single = train(*digits(), GLOBAL_BATCH)
    between = float(np.abs(trained[0] - trained[1]).max())
    versus_single = float(np.abs(trained[0] - single).max())
    print(f"max |process 0 - process 1| = {between:.1e}")
    print(f"max |jax.distributed - single process| = {versus_single:.1e} "
          f"(tolerance {TOLERANCE:.0e})")
    if between != 0.0 or versus_single > TOLERANCE:
        raise SystemExit("distributed training did not compute what single-process "
                         "training computes")
