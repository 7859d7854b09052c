"""What the installed packages say about the table: whether its names exist, and the defaults matrix.

Runs in a framework's process (scripts/workers/translation_runtime.py), which has imported it."""

import importlib
import inspect

from rosetta.translation.table import FILE, Table, TranslationError, names, operators


def resolves(name: str) -> bool:
    """Whether a dotted name exists: its longest importable module, then attributes."""
    parts = name.split(".")
    for split in range(len(parts), 0, -1):
        try:
            target = importlib.import_module(".".join(parts[:split]))
        except ImportError:
            continue
        for part in parts[split:]:
            if not hasattr(target, part):
                return False
            target = getattr(target, part)
        return True
    return False


def missing(table: Table, column: str) -> list[tuple[str, str]]:
    """(row id, name) of every name in `column` that the installed packages do not have."""
    found = []
    for row in table.rows:
        text = row.cells.get(column, "")
        found += [(row.id, name) for name in names(column, text) if not resolves(name)]
        if column == "onnx":
            import onnx.defs

            found += [(row.id, operator) for operator in operators(text) if not onnx.defs.has(operator)]
    return found


def default_value(spec: str):
    """The default of "module.Object:argument" (or "...:argument[index]"), read with inspect.signature;
    inspect.Parameter.empty when the argument is required."""
    name, _, argument = spec.partition(":")
    argument, _, index = argument.partition("[")
    module, _, attribute = name.rpartition(".")
    target = getattr(importlib.import_module(module), attribute) if module else importlib.import_module(name)
    # A class's own __init__: some metaclasses (Flax NNX's) hide it behind a *args, **kwargs __call__.
    value = inspect.signature(target.__init__ if inspect.isclass(target) else target).parameters[argument].default
    return value[int(index.rstrip("]"))] if index and value is not inspect.Parameter.empty else value


def shown(value) -> str:
    """A default as the matrix prints it: Python's spelling, or 'required'."""
    return "required" if value is inspect.Parameter.empty else repr(value)


def defaults(table: Table, column: str) -> dict[int, str]:
    """Default number -> its value in `column`, for every default that names this column."""
    read = {}
    for number, default in enumerate(table.defaults):
        if column in default.specs:
            try:
                read[number] = shown(default_value(default.specs[column]))
            except (ImportError, AttributeError, KeyError, IndexError, TypeError, ValueError) as error:
                raise TranslationError(f"{FILE}: default {default.block!r}, {default.argument!r}, {column}: "
                                       f"{default.specs[column]!r} cannot be read here ({type(error).__name__}: {error})") from None
    return read
