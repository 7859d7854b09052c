"""The frameworks, runtimes and routes are declared once, and every implementation is keyed by them."""

import re

import pytest

from rosetta import environment
from rosetta.bench.runtimes import RUNTIMES as BENCH_IMPLEMENTATIONS
from rosetta.digits.parity import RUNTIMES as PARITY_IMPLEMENTATIONS
from rosetta.digits.routes import ROUTES as ROUTE_IMPLEMENTATIONS
from rosetta.vocabulary import (DEPLOYMENT_ROUTES, FRAMEWORKS, KERAS_BACKENDS, PARITY_RUNTIMES, RUNTIMES, TRAINING_FRAMEWORKS,
                                Target, benchmark_processes, deployment_processes, keras_on, parity_processes,
                                process_keras_backend, process_label)


def test_every_declared_runtime_and_route_is_implemented_and_nothing_else():
    assert list(BENCH_IMPLEMENTATIONS) == list(RUNTIMES)
    assert list(PARITY_IMPLEMENTATIONS) == list(PARITY_RUNTIMES)
    assert list(ROUTE_IMPLEMENTATIONS) == list(DEPLOYMENT_ROUTES)


def test_every_runtime_names_a_known_framework_and_backend():
    for runtime in RUNTIMES.values():
        assert runtime.framework in FRAMEWORKS, runtime
        assert runtime.backend is None or runtime.backend in KERAS_BACKENDS, runtime
    for target in [*PARITY_RUNTIMES.values(), *DEPLOYMENT_ROUTES.values()]:
        assert target.backend is None or target.backend in KERAS_BACKENDS, target
    for route in DEPLOYMENT_ROUTES.values():
        assert route.source in [framework.slug for framework in TRAINING_FRAMEWORKS], route


def test_the_parity_table_runs_one_process_per_framework_with_keras_on_it():
    groups = parity_processes()
    assert groups == {"torch": ["pytorch", "keras-torch"], "tensorflow": ["tensorflow-raw", "keras-tensorflow"], "jax": ["jax", "keras-jax"]}
    assert sorted(slug for slugs in groups.values() for slug in slugs) == sorted(PARITY_RUNTIMES)


def test_labels_and_colours_are_distinct():
    for table in (FRAMEWORKS, RUNTIMES, PARITY_RUNTIMES, DEPLOYMENT_ROUTES):
        labels = [entry.label for entry in table.values()]
        assert len(labels) == len(set(labels)), labels
    colours = [framework.colour for framework in FRAMEWORKS.values()]
    assert len(colours) == len(set(colours)) and all(re.fullmatch(r"#[0-9a-f]{6}", colour) for colour in colours)


def test_keras_is_named_by_the_framework_it_runs_on():
    assert keras_on("torch") == "Keras (PyTorch backend)"
    assert keras_on("tensorflow", "comma") == "Keras, TensorFlow backend"
    assert RUNTIMES["keras-tf-call"].short_label == "Keras (TensorFlow backend)"
    assert RUNTIMES["litert"].short_label == "LiteRT" and RUNTIMES["tf-function"].short_label == "TensorFlow"


def test_benchmark_processes_follow_the_runtimes_then_the_reference():
    assert benchmark_processes() == ["torch", "tensorflow", "keras-tensorflow", "keras-torch", "keras-jax", "jax", "onnxruntime", "numpy"]
    assert [process_label(p) for p in benchmark_processes()] == [
        "PyTorch", "TensorFlow", "Keras (TensorFlow)", "Keras (PyTorch)", "Keras (JAX)", "JAX", "ONNX Runtime", "NumPy"]


def test_the_footer_names_every_framework_package_in_order():
    summary = environment.summary()
    positions = [summary.index(f"{environment.SHOWN_PACKAGES[package]} ") for framework in FRAMEWORKS.values()
                 for package in framework.packages]
    assert positions == sorted(positions)
    assert [framework.slug for framework in TRAINING_FRAMEWORKS] == ["pytorch", "tensorflow", "keras", "jax"]


def test_a_deployment_process_runs_keras_on_the_backend_its_routes_name_and_refuses_two():
    torch_routes = [DEPLOYMENT_ROUTES[slug] for slug in deployment_processes()["torch"]]
    assert process_keras_backend(torch_routes) == "torch"  # torch.export from Keras needs Keras on PyTorch
    assert process_keras_backend([Target("a", "A"), Target("b", "B")]) == "tensorflow"
    with pytest.raises(ValueError, match=r"^a, b need different Keras backends \(jax, torch\)$"):
        process_keras_backend([Target("a", "A", "torch"), Target("b", "B", "jax")])
