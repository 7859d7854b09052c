"""scripts/facts/translation.toml, read and checked: the rows of the translation table and the defaults matrix.

A bad entry stops the build with one line naming it (TranslationError): an unknown key or group,
a row with both or neither of `tolerance` and `unchecked`, a repeated id, a checked row without
inputs in cases.py.
"""

import re
import tomllib
from dataclasses import dataclass, field

from rosetta import paths
from rosetta.entries import checked_keys
from rosetta.vocabulary import FRAMEWORKS

FILE = "translation.toml"
COLUMNS = tuple(FRAMEWORKS)  # pytorch, tensorflow, keras, jax, onnx: the table's columns, in the site's order
# One process per framework for the whole table (scripts/workers/translation_runtime.py): the columns it
# computes, and the Keras backend it sets (Keras runs on TensorFlow there, the framework it imports anyway).
PROCESSES = {"pytorch": ("pytorch",), "tensorflow": ("tensorflow", "keras"), "jax": ("jax",), "onnx": ("onnx",)}
KERAS_BACKEND = "tensorflow"
# The names a column may use, by their first part, and the module each stands for.
ROOTS = {"pytorch": {"torch": "torch"}, "tensorflow": {"tf": "tensorflow"}, "keras": {"keras": "keras"},
         "jax": {"jax": "jax", "jnp": "jax.numpy", "nnx": "flax.nnx", "flax": "flax", "optax": "optax"},
         "onnx": {"onnx": "onnx"}}
ONNX_OPERATOR = re.compile(r"\b[A-Z][A-Za-z0-9]*\b")


class TranslationError(ValueError):
    """A bad entry of translation.toml, named in one line."""


@dataclass(frozen=True)
class Row:
    id: str
    group: str
    block: str
    cells: dict = field(default_factory=dict)  # column -> what a reader writes there
    note: str = ""
    tolerance: float | None = None  # None: not compared, and `unchecked` says why
    unchecked: str = ""


@dataclass(frozen=True)
class Default:
    block: str
    argument: str
    specs: dict  # column -> "module.Object:argument" or "...:argument[index]"
    note: str = ""


@dataclass(frozen=True)
class Table:
    groups: tuple[str, ...]
    rows: tuple[Row, ...]
    defaults: tuple[Default, ...]


def names(column: str, text: str) -> list[str]:
    """The dotted names a cell uses, with their first part spelled as a module ('jnp.sum' -> 'jax.numpy.sum')."""
    roots = ROOTS[column]
    found = re.findall(rf"\b({'|'.join(roots)})((?:\.[A-Za-z_]\w*)+)", text)
    return list(dict.fromkeys(roots[root] + rest for root, rest in found))


def operators(text: str) -> list[str]:
    """The ONNX operators an ONNX cell names: its capitalised words."""
    return list(dict.fromkeys(ONNX_OPERATOR.findall(text)))


def _row(entry: dict, groups: tuple[str, ...], where: str) -> Row:
    from rosetta.translation import cases  # NumPy: imported once a process has set its threads
    checked_keys(entry, {"id", "group", "block"}, {"note", "tolerance", "unchecked", *COLUMNS}, where, TranslationError)
    where = f"{FILE}: row {entry['id']!r}"
    if entry["group"] not in groups:
        raise TranslationError(f"{where}: unknown group {entry['group']!r} (groups: {', '.join(groups)})")
    if ("tolerance" in entry) == ("unchecked" in entry):
        raise TranslationError(f"{where}: give a tolerance (it is compared) or unchecked = why not, and only one")
    tolerance = entry.get("tolerance")
    if tolerance is not None and (isinstance(tolerance, bool) or not isinstance(tolerance, int | float) or tolerance < 0):
        raise TranslationError(f"{where}: tolerance = {tolerance!r} is not a number of at least 0")
    if tolerance is not None and entry["id"] not in cases.CASES:
        raise TranslationError(f"{where}: compared, but cases.py has no inputs for it")
    split = [key for key in ("block", "note", "unchecked", *COLUMNS) if "|" in str(entry.get(key, ""))]
    if split:
        raise TranslationError(f"{where}, {split[0]}: a '|' would end the table's cell there; write it another way")
    cells = {column: entry[column] for column in COLUMNS if entry.get(column)}
    return Row(entry["id"], entry["group"], entry["block"], cells, entry.get("note", ""),
               None if tolerance is None else float(tolerance), entry.get("unchecked", ""))


def _default(entry: dict, where: str) -> Default:
    checked_keys(entry, {"block", "argument"}, {"note", *COLUMNS}, where, TranslationError)
    specs = {column: entry[column] for column in COLUMNS if column in entry}
    for column, spec in specs.items():
        if not re.fullmatch(r"[\w.]+:\w+(\[\d+\])?", spec):
            raise TranslationError(f"{where}, {column}: {spec!r} is not 'module.Object:argument'")
    return Default(entry["block"], entry["argument"], specs, entry.get("note", ""))


def load(project: paths.Project | None = None) -> Table:
    path = (project or paths.current()).facts / FILE
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise TranslationError(f"{FILE} is not valid TOML: {error}") from None
    groups = tuple(data.get("groups", ()))
    rows = tuple(_row(entry, groups, f"{FILE}: row {n}") for n, entry in enumerate(data.get("rows", []), 1))
    ids = [row.id for row in rows]
    repeated = sorted({row_id for row_id in ids if ids.count(row_id) > 1})
    if repeated:
        raise TranslationError(f"{FILE}: row {repeated[0]!r} appears twice")
    defaults = tuple(_default(entry, f"{FILE}: default {n} ({entry.get('block')}, {entry.get('argument')})")
                     for n, entry in enumerate(data.get("defaults", []), 1))
    return Table(groups, rows, defaults)
