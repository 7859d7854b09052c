"""Why ported models disagree: each file shows a difference with the defaults, then agreement when aligned.

Each file of snippets/porting/ runs as a reader runs it (tests/snippets/conftest.py) and prints
two lines: the largest difference between PyTorch and Keras as a port would first write it, then
the largest difference with the settings aligned and the tolerance it must meet.
"""

import re

from support import expectations_test

DIFFERENCE = re.compile(r"largest difference(?: \(of the standard deviations\))? (\S+)(?: \(tolerance (\S+)\))?$", re.MULTILINE)


def check_disagreement_then_agreement(out: str) -> None:
    (default, no_tolerance), (aligned, tolerance) = DIFFERENCE.findall(out)
    assert no_tolerance == "" and tolerance, out
    assert float(default) > float(tolerance), f"the defaults should disagree beyond the tolerance:\n{out}"
    assert float(aligned) <= float(tolerance), f"the aligned settings should agree within the tolerance:\n{out}"


DIFFERENCES = (  # snippets/porting/<name>_keras.py: every file there, each a section of docs/porting.md
    "adam_epsilon",
    "adamw_decay",
    "avg_pool_padding",
    "batchnorm_epsilon",
    "batchnorm_momentum",
    "batchnorm_variance",
    "dense_init",
    "dense_layout",
    "flatten_order",
    "from_logits",
    "frozen_batchnorm",
    "gelu",
    "gru_gates",
    "kl_divergence",
    "layernorm_epsilon",
    "lstm_biases",
    "resize_nearest",
    "rmsprop",
    "same_padding",
    "sgd_momentum",
)
EXPECTATIONS = {f"{name}_keras.py": check_disagreement_then_agreement for name in DIFFERENCES}

test_prints_what_the_page_promises = expectations_test(EXPECTATIONS)
