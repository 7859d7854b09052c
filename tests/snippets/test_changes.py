"""What changed since the article: each claim checked on the installed versions.

Each file of snippets/changes/ runs as a reader runs it (tests/snippets/conftest.py) and must
print what its page promises, as checked below.
"""

import re
from support import expectations_test


def check_claims_pytorch(out: str) -> None:
    assert "torch.onnx.export(dynamo=...) defaults to True" in out
    assert "dynamic_shapes accepted: True | legacy dynamic_axes still accepted: True" in out


def check_claims_tensorflow(out: str) -> None:
    assert "eager by default: True" in out and re.search(r"^tf\.keras is Keras 3\.", out, re.MULTILINE)
    assert re.search(r"tf\.lite\.Interpreter warns: tf\.lite\.Interpreter is deprecated.*LiteRT", out), out


def check_claims_keras(out: str) -> None:
    assert re.search(r"^keras 3\.\S+ is its own package; tensorflow depends on it: \['keras", out, re.MULTILINE), out
    assert all(f"KERAS_BACKEND={backend}: {backend}" in out for backend in ("tensorflow", "torch", "jax")), out
    assert "Do not pass an `input_shape`/`input_dim` argument to a layer" in out
    assert "evaluate() with one loss and no metric returns a float" in out


def check_claims_jax(out: str) -> None:
    assert re.search(r"^jax 0\.\d+\.\d+ on cpu$", out, re.MULTILINE), out
    assert "jnp.linalg.solve is True" in out and "64-bit floats by default: False" in out
    assert "jax.export (StableHLO, saved and run later) built in: True" in out
    assert "an ONNX exporter built in: False - ONNX comes from the separate jax2onnx package: True" in out


EXPECTATIONS = {
    "claims_pytorch.py": check_claims_pytorch,
    "claims_tensorflow.py": check_claims_tensorflow,
    "claims_keras.py": check_claims_keras,
    "claims_jax.py": check_claims_jax,
}

test_prints_what_the_page_promises = expectations_test(EXPECTATIONS)
