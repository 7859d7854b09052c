"""Distributed training: replicas end identical and match one process, and a broken run ends cleanly.

Each file of snippets/distributed/ runs as a reader runs it (tests/snippets/conftest.py) and must
print what its page promises. Then each is broken on purpose, the way a reader's cluster breaks:
a copy with one worker killed mid-run, or hung past the timeout; the run fails with a clear
message and nothing is orphaned.
"""

import re
import time

from rosetta.execution.reader import run_as_reader
from rosetta.paths import REPO
from support import expectations_test


def check_distributed(unit: str, label: str):
    def check(out: str) -> None:
        assert f"{unit} 0: 896 of 1792 samples" in out and f"{unit} 1: 896 of 1792 samples" in out, out
        assert f"max |{unit} 0 - {unit} 1| = 0.0e+00" in out, "replicas must end with identical weights"
        versus_single = re.search(rf"max \|{label} - single process\| = (\S+) \(tolerance (\S+)\)", out)
        assert float(versus_single.group(1)) <= float(versus_single.group(2)) <= 1e-5, out
    return check


def check_keras_fit_multiworker(out: str) -> None:
    # The reported breakage, confirmed on the pinned versions: if this changes, update the page.
    for worker in (0, 1):
        assert f"worker {worker} (exit status 0):" in out
    assert out.count("model.fit raised ValueError: Attempt to convert a value (PerReplica:{...})") == 2, out


EXPECTATIONS = {
    "ddp_pytorch.py": check_distributed("rank", "DDP"),
    "multiworker_tensorflow.py": check_distributed("worker", "MultiWorkerMirrored"),
    "data_parallel_jax.py": check_distributed("process", "jax.distributed"),
    "fit_multiworker_keras.py": check_keras_fit_multiworker,
}

test_prints_what_the_page_promises = expectations_test(EXPECTATIONS)


DISTRIBUTED = REPO / "snippets" / "distributed"


def broken_copy(tmp_path, name: str, replacements: dict) -> object:
    source = (DISTRIBUTED / name).read_text()
    for old, new in replacements.items():
        assert old in source, f"{name} no longer contains {old!r}: update this test"
        source = source.replace(old, new)
    copy = tmp_path / name
    copy.write_text(source)
    return copy


def test_a_dead_ddp_rank_fails_the_run_with_a_clear_message(tmp_path):
    copy = broken_copy(tmp_path, "ddp_pytorch.py", {
        "    dataset = digits()\n    sampler": "    if rank == 1:\n        os._exit(3)  # rank 1 dies\n    dataset = digits()\n    sampler",
    })
    started = time.monotonic()
    run = run_as_reader(copy, timeout=240)  # raises if it hangs or leaves processes behind
    assert run.returncode != 0
    assert "process 1 terminated with exit code 3" in run.stderr
    assert time.monotonic() - started < 120, "a dead rank must not leave the others waiting for their timeout"


def test_a_dead_tensorflow_worker_fails_the_run_with_a_clear_message(tmp_path):
    copy = broken_copy(tmp_path, "multiworker_tensorflow.py", {
        "    flat, samples = train(": "    if index == 1:\n        os._exit(3)  # worker 1 dies\n    flat, samples = train(",
    })
    run = run_as_reader(copy, timeout=240)
    assert run.returncode != 0
    assert run.stderr.strip().splitlines()[-1].startswith("worker 1 exited with status 3")


def test_a_hung_tensorflow_worker_is_stopped_at_the_timeout(tmp_path):
    copy = broken_copy(tmp_path, "multiworker_tensorflow.py", {
        "TIMEOUT = 300": "TIMEOUT = 5",
        "    flat, samples = train(": "    time.sleep(600)  # worker hangs\n    flat, samples = train(",
    })
    run = run_as_reader(copy, timeout=120)
    assert run.returncode != 0
    assert run.stderr.strip().splitlines()[-1] == "the workers did not finish within 5 s"


def test_a_dead_jax_process_fails_the_run_with_a_clear_message(tmp_path):
    copy = broken_copy(tmp_path, "data_parallel_jax.py", {
        "    flat = train(": "    if index == 1:\n        os._exit(3)  # process 1 dies\n    flat = train(",
    })
    started = time.monotonic()
    run = run_as_reader(copy, timeout=240)  # raises if it hangs or leaves processes behind
    assert run.returncode != 0
    assert run.stderr.strip().splitlines()[-1].startswith("process 1 exited with status 3"), run.stderr[-2000:]
    assert time.monotonic() - started < 120, "a dead process must not leave the other waiting for its timeout"


def test_a_hung_jax_process_is_stopped_at_the_timeout(tmp_path):
    copy = broken_copy(tmp_path, "data_parallel_jax.py", {
        "TIMEOUT = 0.1, 1e-5, 120": "TIMEOUT = 0.1, 1e-5, 5",
        "    flat = train(": "    time.sleep(600)  # the process hangs\n    flat = train(",
    })
    run = run_as_reader(copy, timeout=120)
    assert run.returncode != 0
    assert run.stderr.strip().splitlines()[-1] == "the processes did not finish within 5 s"
