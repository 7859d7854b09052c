"""One way to pin a process's threads, the same for every framework (handbook: measuring time honestly)."""

import os


CORE_VARIABLE = "ROSETTA_CORE"  # set by the build for each job: which of the allowed cores its bound processes use


def one_core() -> int:
    """The core a 1-thread process is bound to: its job's own in a build (two jobs' processes bound to one
    core would share it while another core idles), else the first allowed."""
    allowed = sorted(os.sched_getaffinity(0))
    slot = os.environ.get(CORE_VARIABLE, "0")
    return allowed[int(slot) % len(allowed)] if slot.isdigit() else allowed[0]


def pin_threads(threads: int, keras_backend: str | None = None) -> None:
    """Thread settings that libraries read when they load: call before NumPy or any framework is imported."""
    count = str(threads)
    os.environ.update(OMP_NUM_THREADS=count, OPENBLAS_NUM_THREADS=count, MKL_NUM_THREADS=count,
                      TF_NUM_INTRAOP_THREADS=count, TF_NUM_INTEROP_THREADS="1", TF_CPP_MIN_LOG_LEVEL="2")
    if threads == 1 and hasattr(os, "sched_setaffinity"):
        # XLA on the CPU (JAX, Keras on JAX, tf.function(jit_compile=True)) takes no thread count, and the
        # XLA_FLAGS older recipes give did not stop its matrix products from using every core: binding the
        # process to one core does, for every framework alike (the Benchmarks page's GEMM table shows it).
        os.sched_setaffinity(0, {one_core()})
    if keras_backend:
        os.environ["KERAS_BACKEND"] = keras_backend


def pin_framework_threads(module: str, threads: int) -> None:
    """The frameworks' own thread settings, for the framework a process runs ("torch" or "tensorflow")."""
    if module == "torch":
        import torch

        torch.set_num_threads(threads)
        torch.set_num_interop_threads(1)
    elif module == "tensorflow":
        import tensorflow as tf

        tf.config.threading.set_intra_op_parallelism_threads(threads)
        tf.config.threading.set_inter_op_parallelism_threads(1)
