"""What the installed packages show about themselves: the measured cells of the fact tables.

A fact table cell `{text, measure = "kind:argument"}` (rosetta.rendering.facts) is rendered with
MEASURES[kind](argument), called when the page is built: its metadata (licence, Python floor,
requirements, size on disk) or what the library does when asked (its default float type, its
export formats, the warning a deprecated API raises). Frameworks are imported only by the
measures that need them, inside the generator's process.
"""

import importlib
import importlib.util
import warnings
from importlib.metadata import distribution, metadata, version


class NotMeasurable(ValueError):
    """A measure that cannot read what it promises (the caller names the table, row and column)."""


def packages(argument: str) -> list[str]:
    names = [name for name in argument.split(",") if name]
    if not names:
        raise NotMeasurable("names no package")
    return names


def one_package(argument: str) -> str:
    names = packages(argument)
    if len(names) > 1:
        raise NotMeasurable(f"reads one package, got {len(names)}")
    return names[0]


def installed_version(argument: str) -> str:
    return " / ".join(f"{package} {version(package)}" for package in packages(argument))


def licence(argument: str) -> str:
    """The licence the installed distribution declares, in whichever metadata field it uses."""
    package = one_package(argument)
    fields = metadata(package)
    declared = fields.get("License-Expression") or fields.get("License")
    if not declared:
        classifiers = [c for c in fields.get_all("Classifier") or [] if c.startswith("License ::")]
        declared = classifiers[0].split(" :: ")[-1] if classifiers else None
    if not declared:
        raise NotMeasurable(f"the installed {package} declares no licence")
    return f"{package} {version(package)} declares {declared}"


def python_needed(argument: str) -> str:
    package = one_package(argument)
    needed = metadata(package).get("Requires-Python")
    if not needed:
        raise NotMeasurable(f"the installed {package} declares no Python requirement")
    return f"{package} {version(package)} requires Python {needed}"


def size_on_disk(argument: str) -> str:
    """The bytes of every file the distributions installed (their RECORD), in MB."""
    sizes = {package: sum(file.size or 0 for file in distribution(package).files or []) for package in packages(argument)}
    parts = " + ".join(f"{package} {version(package)}" for package in sizes)
    return f"{parts}: {sum(sizes.values()) / 1e6:,.0f} MB"


def _requirements(package: str) -> list[str]:
    """The names of the packages `package` requires on this machine when installed without extras."""
    from packaging.requirements import Requirement

    needed = [Requirement(line) for line in distribution(package).requires or []]
    return [requirement.name for requirement in needed if requirement.marker is None or requirement.marker.evaluate({"extra": ""})]


def requires(argument: str) -> str:
    """Whether a package requires another when installed without extras: `requires:tensorflow,tensorboard`."""
    package, needed = (packages(argument) + [""])[:2]
    if not needed:
        raise NotMeasurable(f"requires:{argument} names no requirement to look for (requires:<package>,<requirement>)")
    names = [name.lower() for name in _requirements(package)]
    return f"{package} {version(package)} {'requires' if needed.lower() in names else 'does not require'} {needed}"


def dependencies(argument: str) -> str:
    package = one_package(argument)
    names = sorted(_requirements(package), key=str.lower)
    return f"{package} {version(package)} requires {len(names)} packages here: {', '.join(names)}"


def default_float(framework: str) -> str:
    """The type of a Python float turned into a tensor, as the framework does by default."""
    if framework == "torch":
        import torch

        return f"`torch.tensor(1.0).dtype` is {torch.tensor(1.0).dtype}"
    if framework == "tensorflow":
        import tensorflow as tf

        return f"`tf.constant(1.0).dtype` is {tf.constant(1.0).dtype.name}"
    if framework == "keras":
        import keras

        return f"`keras.config.floatx()` is {keras.config.floatx()}"
    if framework == "jax":
        import jax.numpy as jnp

        return f"`jnp.asarray(1.0).dtype` is {jnp.asarray(1.0).dtype}"
    if framework == "onnx":
        import onnx

        return f"onnx {version('onnx')} defines {len(onnx.TensorProto.DataType.keys()) - 1} element types for a graph to choose from"
    raise NotMeasurable(f"default_float knows torch, tensorflow, keras, jax and onnx, not {framework!r}")


def _scripted(x):
    return x + 1


def torchscript_warning() -> str:
    """What `torch.jit.script` says when called (it needs a function defined in a file: this one)."""
    import torch

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        torch.jit.script(_scripted)
    deprecations = [str(warning.message) for warning in caught if issubclass(warning.category, DeprecationWarning)]
    return f"torch {version('torch')}: " + (f"`torch.jit.script` warns \"{deprecations[0]}\"" if deprecations
                                              else "`torch.jit.script` raises no deprecation warning")


def keras_export_formats() -> str:
    """The formats `Model.export` accepts, as its own error for an unknown format lists them."""
    import keras

    model = keras.Sequential([keras.Input((1,)), keras.layers.Dense(1)])
    try:
        model.export("unused", format="no-such-format")
    except ValueError as error:
        listed = str(error).split("Supported formats are:", 1)
        if len(listed) == 2:
            formats = listed[1].strip(" .[]").replace("'", "").split(", ")
            return f"keras {version('keras')}: `export(format=...)` takes " + ", ".join(f"`{name}`" for name in formats)
        raise NotMeasurable(f"Keras's error for an unknown export format no longer lists the formats: {error}") from None
    raise NotMeasurable("Keras accepted an unknown export format")


def has(argument: str) -> str:
    """Whether the installed packages have each named module or attribute (`package.module.attribute`)."""
    return ", ".join(f"`{name}` {'present' if _exists(name) else 'absent'}" for name in packages(argument))


def _exists(name: str) -> bool:
    module, _, attribute = name.rpartition(".")
    if importlib.util.find_spec(name.split(".")[0]) is None:
        return False  # the package itself is not installed
    try:
        if importlib.util.find_spec(name) is not None:
            return True
    except ModuleNotFoundError:
        pass
    try:
        return hasattr(importlib.import_module(module), attribute) if module else False
    except ModuleNotFoundError:
        return False


def tensorflow_strategies() -> str:
    import tensorflow as tf

    strategies = sorted(name for name in dir(tf.distribute) if name.endswith("Strategy") and name != "Strategy")
    return f"tensorflow {version('tensorflow')} offers " + ", ".join(f"`{name}`" for name in strategies)


def tensorflow_eager() -> str:
    import tensorflow as tf

    return f"`tf.executing_eagerly()` is {tf.executing_eagerly()}"


def onnxruntime_providers() -> str:
    import onnxruntime

    known = onnxruntime.get_all_providers()
    return f"{len(known)} known, {', '.join(onnxruntime.get_available_providers())} in this build"


def onnx_opset() -> str:
    import onnx

    return f"onnx {version('onnx')} defines operator sets up to {onnx.defs.onnx_opset_version()} (IR version {onnx.IR_VERSION})"


def no_argument(function):
    def measure(argument: str) -> str:
        if argument:
            raise NotMeasurable(f"takes no argument, got {argument!r}")
        return function()
    return measure


MEASURES = {
    "version": installed_version,
    "licence": licence,
    "python": python_needed,
    "size": size_on_disk,
    "requires": requires,
    "dependencies": dependencies,
    "default_float": default_float,
    "has": has,
    "torchscript_warning": no_argument(torchscript_warning),
    "keras_export_formats": no_argument(keras_export_formats),
    "tensorflow_strategies": no_argument(tensorflow_strategies),
    "tensorflow_eager": no_argument(tensorflow_eager),
    "onnxruntime_providers": no_argument(onnxruntime_providers),
    "onnx_opset": no_argument(onnx_opset),
}
