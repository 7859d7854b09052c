"""Moving between frameworks: weights moved from PyTorch into Keras and back.

Each file of snippets/interop/ runs as a reader runs it (tests/snippets/conftest.py) and must
print what its page promises, as checked below.
"""

import re

from support import expectations_test, numbers_after


def check_move_weights(out: str) -> None:
    torch_accuracy = numbers_after("PyTorch test accuracy:", out)[0]
    assert torch_accuracy >= 0.9 and numbers_after("Keras test accuracy:", out)[0] == torch_accuracy
    assert numbers_after("max |Keras - PyTorch| =", out)[0] < 1e-4
    assert numbers_after("without reordering for Flatten:", out)[1] < 0.5, "the wrong copy should break the classifier"
    assert numbers_after("after the round trip, max |PyTorch again - PyTorch| =", out)[0] < 1e-6


RECIPE_LINE = re.compile(r"^(\S+) <-> (\S+)\s+to (Keras|Flax): (\S+)\s+back: (\S+)$", re.MULTILINE)
RECIPE_LAYERS = ["Linear", "Conv2d", "BatchNorm2d", "LSTM", "GRU", "Embedding", "MultiheadAttention"]


def check_recipes(out: str) -> None:
    """Each layer's recipe pair: the moved layer computes PyTorch's output, and the way back restores it."""
    moved = RECIPE_LINE.findall(out)
    assert [torch_layer for torch_layer, *_ in moved] == RECIPE_LAYERS, out
    for torch_layer, _, _, there, back in moved:
        assert float(there) < 1e-5 and float(back) < 1e-6, (torch_layer, there, back)


EXPECTATIONS = {
    "move_weights_keras.py": check_move_weights,
    "weight_recipes_keras.py": check_recipes,
    "weight_recipes_jax.py": check_recipes,
}

test_prints_what_the_page_promises = expectations_test(EXPECTATIONS)
