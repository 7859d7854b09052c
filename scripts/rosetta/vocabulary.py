"""The frameworks, runtimes and deployment routes the site compares, declared once and read everywhere.

Snippet names, tab labels, the footer's versions, the Benchmarks page, the parity table, the
deployment matrix, the side-by-side page, the charts and the tests all read these tables.
Adding a framework is an entry in FRAMEWORKS (and KERAS_BACKENDS if Keras runs on it), plus its
snippets, notebook and runtimes.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Framework:
    slug: str  # snippets/<topic>/<example>_<slug>.py, docs/notebooks/digits_<slug>.py
    label: str  # the tab label, the same on every page so that content.tabs.link carries the choice
    packages: tuple[str, ...]  # the distributions that provide it, as the footer of every page names them
    module: str  # what a program imports to run it (and what a benchmark process is named after)
    colour: str  # its colour in every chart with one series per framework (plotly.js's own first colours)
    trains: bool = True  # ONNX is an exchange format and a runtime: it has no training tab


FRAMEWORKS = {framework.slug: framework for framework in (
    Framework("pytorch", "PyTorch", ("torch",), "torch", "#1f77b4"),
    Framework("tensorflow", "TensorFlow", ("tensorflow",), "tensorflow", "#ff7f0e"),
    Framework("keras", "Keras", ("keras",), "keras", "#2ca02c"),
    Framework("jax", "JAX", ("jax", "flax", "optax"), "jax", "#9467bd"),
    Framework("onnx", "ONNX", ("onnx", "onnxruntime"), "onnxruntime", "#d62728", trains=False),
)}
TRAINING_FRAMEWORKS = [framework for framework in FRAMEWORKS.values() if framework.trains]

# Keras 3 backend (KERAS_BACKEND) -> the framework it runs on.
KERAS_BACKENDS = {"tensorflow": "tensorflow", "torch": "pytorch", "jax": "jax"}


def keras_on(backend: str, style: str = "parentheses") -> str:
    """'Keras (TensorFlow backend)', or 'Keras, TensorFlow backend' with style='comma'."""
    runs_on = FRAMEWORKS[KERAS_BACKENDS[backend]].label
    return f"Keras, {runs_on} backend" if style == "comma" else f"Keras ({runs_on} backend)"


@dataclass(frozen=True)
class Runtime:
    """A way to run a model, timed on the Benchmarks page (slugs are the bench.py --runtimes names)."""

    slug: str
    label: str  # on the Benchmarks page
    framework: str  # FRAMEWORKS slug: what a reader writes the model in
    backend: str | None = None  # the Keras backend of its process
    runs_on: str = ""  # its name where the framework alone is not enough (the decision guide)

    @property
    def process(self) -> str:
        """The benchmark process it runs in: one per framework (and Keras backend)."""
        return f"keras-{self.backend}" if self.backend else FRAMEWORKS[self.framework].module

    @property
    def short_label(self) -> str:
        if self.backend:
            return keras_on(self.backend)
        return self.runs_on or FRAMEWORKS[self.framework].label


RUNTIMES = {runtime.slug: runtime for runtime in (
    Runtime("pytorch", "PyTorch eager", "pytorch"),
    Runtime("torch-compile", "torch.compile", "pytorch"),
    Runtime("torch-compile-step", "torch.compile, whole training step", "pytorch"),
    Runtime("tf-eager", "TensorFlow eager", "tensorflow"),
    Runtime("tf-function", "tf.function", "tensorflow"),
    Runtime("tf-xla", "tf.function(jit_compile=True)", "tensorflow"),
    Runtime("litert", "LiteRT", "tensorflow", runs_on="LiteRT"),
    Runtime("keras-tf-fit", "Keras fit/predict, TensorFlow backend", "keras", "tensorflow"),
    Runtime("keras-tf-fit-jit", "Keras fit, jit_compile=True, TensorFlow backend", "keras", "tensorflow"),
    Runtime("keras-tf-call", "Keras model(x), TensorFlow backend", "keras", "tensorflow"),
    Runtime("keras-torch-fit", "Keras fit/predict, PyTorch backend", "keras", "torch"),
    Runtime("keras-torch-fit-jit", "Keras fit, jit_compile=True, PyTorch backend", "keras", "torch"),
    Runtime("keras-torch-call", "Keras model(x), PyTorch backend", "keras", "torch"),
    Runtime("keras-jax-fit", "Keras fit/predict, JAX backend", "keras", "jax"),
    Runtime("keras-jax-call", "Keras model(x), JAX backend", "keras", "jax"),
    Runtime("jax-jit", "jax.jit (Flax NNX)", "jax"),
    Runtime("onnxruntime", "ONNX Runtime", "onnx", runs_on="ONNX Runtime"),
)}
# How a reader trains in each framework: the runtimes that stand for it where one number per framework is shown.
TRAINING_RUNTIMES = ("pytorch", "tf-function", "keras-tf-fit", "keras-torch-fit", "keras-jax-fit", "jax-jit")
# How a reader serves a model written in each framework: its own runtimes, and the export runtimes (LiteRT, ONNX Runtime).
SERVING_RUNTIMES = ("pytorch", "tf-function", "keras-tf-call", "keras-torch-call", "keras-jax-call", "jax-jit", "onnxruntime", "litert")
# A benchmark process that runs no framework's model: NumPy's GEMM, the reference for the machine's limit.
REFERENCE_PROCESS = "numpy"


def process_label(process: str) -> str:
    """A benchmark process by name: 'PyTorch', 'ONNX Runtime', 'Keras (TensorFlow)', 'NumPy'."""
    if process == REFERENCE_PROCESS:
        return "NumPy"
    if process.startswith("keras-"):
        return f"Keras ({FRAMEWORKS[KERAS_BACKENDS[process.removeprefix('keras-')]].label})"
    return next(runtime.short_label for runtime in RUNTIMES.values() if runtime.process == process)


def benchmark_processes() -> list[str]:
    """Every benchmark process, in the order of RUNTIMES, then the reference."""
    return [*dict.fromkeys(runtime.process for runtime in RUNTIMES.values()), REFERENCE_PROCESS]


@dataclass(frozen=True)
class Target:
    """Where the same trained weights run in the parity table, or a deployment route of the matrix."""

    slug: str
    label: str
    backend: str | None = None  # the Keras backend of its process, when it runs Keras (parity: always)
    tolerance: float = 1e-4  # largest absolute difference from the float64 reference the build accepts
    process: str = ""  # a deployment route's worker process, shared with the routes that load the same framework
    source: str = ""  # a deployment route's starting point: the framework whose model it exports (the decision guide)


def process_keras_backend(targets: list[Target]) -> str:
    """The Keras backend of a process shared by `targets`: the one a target names (those without one run no
    Keras), else TensorFlow's. Raises ValueError when two targets name different ones."""
    named = {target.backend for target in targets if target.backend}
    if len(named) > 1:
        raise ValueError(f"{', '.join(target.slug for target in targets)} need different Keras backends ({', '.join(sorted(named))})")
    return named.pop() if named else "tensorflow"


def grouped(targets: dict[str, Target], key) -> dict[str, list[str]]:
    """The slugs of `targets`, grouped by key(target) in their order: one worker process per group."""
    groups: dict[str, list[str]] = {}
    for target in targets.values():
        groups.setdefault(key(target), []).append(target.slug)
    return groups


# Absolute: float32 rounding grows with the logits, whose largest size the pages print.
FLOAT_TOLERANCE = 1e-4

PARITY_RUNTIMES = {target.slug: target for target in (
    # A framework's own row names, as its backend, the framework itself: it shares one process with Keras
    # on that backend (parity_processes), since neither imports the other two frameworks.
    Target("pytorch", "PyTorch", "torch"),
    Target("tensorflow-raw", "TensorFlow (raw ops)", "tensorflow"),
    Target("keras-tensorflow", keras_on("tensorflow", "comma"), "tensorflow"),
    Target("keras-torch", keras_on("torch", "comma"), "torch"),
    Target("jax", "JAX (Flax NNX, jit)", "jax"),
    Target("keras-jax", keras_on("jax", "comma"), "jax"),
)}


def parity_processes() -> dict[str, list[str]]:
    """The parity table's processes: per Keras backend, the slugs of the runtimes that run in it, in table order."""
    return grouped(PARITY_RUNTIMES, lambda target: target.backend)


# Deployment routes whose reloaded file the parity table shows too, as the deployment matrix measured it.
PARITY_FROM_DEPLOYMENT = ("onnx-from-pytorch", "onnx-from-keras", "litert")

# Routes share a process by the framework they load (TensorFlow loads JAX when it is installed, so the
# JAX route costs little beside it): one import of each instead of one per route.
DEPLOYMENT_ROUTES = {route.slug: route for route in (
    Target("pytorch-eager", "PyTorch eager", process="torch", source="pytorch"),
    Target("onnx-from-pytorch", "ONNX from PyTorch", process="torch", source="pytorch"),
    Target("openvino-from-onnx", "OpenVINO, ONNX from PyTorch", process="torch", source="pytorch"),
    Target("onnx-from-keras", "ONNX from Keras", "tensorflow", process="tensorflow", source="keras"),
    Target("onnx-from-jax", "ONNX from JAX (jax2onnx)", process="tensorflow", source="jax"),
    Target("savedmodel", "SavedModel", "tensorflow", process="tensorflow", source="tensorflow"),
    Target("litert", "LiteRT", "tensorflow", process="tensorflow", source="tensorflow"),
    Target("litert-from-keras", "LiteRT from Keras (export)", "tensorflow", process="tensorflow", source="keras"),
    Target("openvino-from-keras", "OpenVINO from Keras (export)", "tensorflow", process="tensorflow", source="keras"),
    Target("torch-export", "torch.export", process="torch", source="pytorch"),
    Target("executorch", "ExecuTorch (XNNPACK)", process="torch", source="pytorch"),
    Target("litert-from-pytorch", "LiteRT from PyTorch (litert-torch)", process="torch", source="pytorch"),
    Target("torch-from-keras", "torch.export from Keras (export)", "torch", process="torch", source="keras"),
    Target("onnx-int8", "Quantized ONNX (int8)", tolerance=0.5, process="torch", source="pytorch"),
)}


def deployment_processes() -> dict[str, list[str]]:
    """The deployment matrix's worker processes: per process, the slugs of its routes, in matrix order."""
    return grouped(DEPLOYMENT_ROUTES, lambda route: route.process)
