"""Numbers one page measures and another page reads, handed over within one build.

The build points ROSETTA_MEASUREMENTS at a folder: beside the block cache when there is one (so
a cached generator's numbers stay readable), else a fresh folder for this build. Pages whose
generators read measurements are rendered after all the others. A generator run outside a build
saves nothing, and one that needs numbers it cannot find stops with one line.
"""

import hashlib
import json
import os
import shutil
import sys
from pathlib import Path

from rosetta.atomic import write_atomically

FOLDER_VARIABLE = "ROSETTA_MEASUREMENTS"


def folder() -> Path | None:
    value = os.environ.get(FOLDER_VARIABLE)
    return Path(value) if value else None


def _ready_folder() -> Path | None:
    """The folder, created, in a build; None outside one, where nothing is saved."""
    target = folder()
    if target is not None:
        target.mkdir(parents=True, exist_ok=True)
    return target


def saved_path(name: str) -> Path | None:
    """Where measurement `name` is kept: NAME.json, or a file saved by save_file under its own name (it has a suffix)."""
    source = folder()
    return source / (name if Path(name).suffix else f"{name}.json") if source else None


def save(name: str, data) -> None:
    target = _ready_folder()
    if target is not None:
        write_atomically(target / f"{name}.json", json.dumps(data))  # a reader never sees half a file


def save_file(name: str, source: Path) -> None:
    """A file another page publishes (the classifier's ONNX file), kept as `name`, which has its suffix.
    Like save_arrays, it changes only with the JSON measurements the same generator saves beside it."""
    target = _ready_folder()
    if target is None:
        return
    partial = target / f".{name}.partial"
    shutil.copyfile(source, partial)
    os.replace(partial, target / name)  # a reader never sees half a file


def _found(file_name: str, what: str, reader: str, producer: str) -> Path:
    """The handed-over file `file_name`; when it is missing, `reader` stops in one line naming what and who writes it."""
    source = folder()
    path = source / file_name if source else None
    if path is None or not path.is_file():
        sys.exit(f"{reader}: no {what} in {source or f'${FOLDER_VARIABLE} (unset)'}; "
                 f"they are written by {producer} during a site build (make build or make serve)")
    return path


def load(name: str, reader: str, producer: str):
    return json.loads(_found(f"{name}.json", f"{name} measurements", reader, producer).read_text(encoding="utf-8"))


def load_file(name: str, reader: str, producer: str) -> Path:
    """The path of a file saved by save_file."""
    return _found(name, f"{name} file", reader, producer)


def save_arrays(name: str, arrays: dict) -> None:
    """Arrays another page's generator reads (the deployment matrix's trained classifier), as NAME.npz.
    Their digest is that of the JSON measurements the same generator saves beside them."""
    import numpy as np

    target = _ready_folder()
    if target is None:
        return
    partial = target / f".{name}.partial.npz"
    np.savez(partial, **arrays)
    os.replace(partial, target / f"{name}.npz")  # a reader never sees half a file


def load_arrays(name: str, reader: str, producer: str) -> dict:
    import numpy as np

    with np.load(_found(f"{name}.npz", f"{name} arrays", reader, producer)) as saved:
        return {key: saved[key] for key in saved.files}


def digest(names=None) -> str:
    """Changes whenever one of the named measurements (all, by default) changes: part of a reader's cache key."""
    source = folder()
    hashed = hashlib.sha256()
    for path in sorted(source.glob("*.json")) if source and source.is_dir() else []:
        if names is None or path.stem in names:
            hashed.update(path.name.encode() + path.read_bytes())
    return hashed.hexdigest()
