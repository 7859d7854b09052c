"""The Keras 3 page: Sequential, functional, callbacks, and one file on each backend.

Each file of snippets/keras_apis/ runs as a reader runs it (tests/snippets/conftest.py) and must
print what its page promises, as checked below.
"""

import re
from pathlib import Path

from support import expectations_test, numbers_after


def check_sequential(out: str) -> None:
    assert "Total params: 4,810" in out and "dense (Dense)" in out
    assert numbers_after("test accuracy", out)[0] >= 0.95


def check_functional(out: str) -> None:
    assert "Connected to" in out and "Total params: 4,500" in out
    assert "a batch of 2 gives (2, 10)" in out


def check_callbacks(out: str) -> None:
    epochs = re.search(r"stopped after (\d+) of 200 epochs; best checkpoint saved: True", out)
    assert epochs and int(epochs.group(1)) < 200, out
    assert numbers_after("test accuracy with the best weights:", out)[0] >= 0.93


def check_backends(out: str) -> None:
    runs = re.findall(r"^KERAS_BACKEND=(\w+)\s+backend (\w+)\s+output type (\S+)\s+jit_compile (True|False)\s+"
                      r"first initial weight (\S+)\s+test accuracy (\S+)$", out, re.MULTILINE)
    assert [(chosen, backend, kind) for chosen, backend, kind, *_ in runs] == [
        ("default", "tensorflow", "tensorflow.EagerTensor"), ("torch", "torch", "torch.Tensor"), ("jax", "jax", "jaxlib.ArrayImpl")], out
    # "auto": XLA on JAX; not on PyTorch (eager); on TensorFlow only when a GPU or TPU is present
    accelerator = any(Path("/dev").glob("nvidia[0-9]*")) or any(Path("/dev").glob("accel*"))
    assert [compiled for _, _, _, compiled, _, _ in runs] == [str(accelerator), "False", "True"], out
    assert all(float(accuracy) >= 0.9 for *_, accuracy in runs), out  # five epochs: each backend learned (chance is 0.1)


EXPECTATIONS = {
    "sequential_keras.py": check_sequential,
    "functional_keras.py": check_functional,
    "callbacks_keras.py": check_callbacks,
    "backends_keras.py": check_backends,
}

test_prints_what_the_page_promises = expectations_test(EXPECTATIONS)
