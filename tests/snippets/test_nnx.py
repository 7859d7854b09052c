"""Flax NNX with optax, on the JAX page.

Each file of snippets/nnx/ runs as a reader runs it (tests/snippets/conftest.py) and must
print what its page promises, as checked below.
"""

from support import expectations_test, numbers_after


def check_mlp_training(out: str) -> None:
    assert "kernel of the hidden layer: (64, 64) (inputs, outputs)" in out
    first, last = numbers_after("epoch  5", out)[-1], numbers_after("epoch 10", out)[-1]
    assert last < first, f"the loss did not fall: {first} then {last}"
    assert numbers_after("test accuracy", out)[0] >= 0.93


EXPECTATIONS = {"mlp_training_jax.py": check_mlp_training}

test_prints_what_the_page_promises = expectations_test(EXPECTATIONS)
