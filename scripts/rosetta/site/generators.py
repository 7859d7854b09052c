"""What each page generator (scripts/generators/gen_*.py) declares, read without running it.

Every generator declares, at module level and as literals:
- READS: glob patterns, from the project's root, of the files it reads besides its own code;
- MEASUREMENTS: the names of other pages' measurements it reads (rosetta.measurements);
and, when they apply:
- SAVES: the measurements it writes for other pages;
- RECORDS: glob patterns of the blocks and notebooks whose recorded output it reads (rosetta.records);
- EXCLUSIVE: True when it reports timings, so that the build runs it with nothing beside it; or
  "while timing" when its processes ask for the machine around each timing they take
  (rosetta.execution.alone), so that the rest of its work shares the cores;
- PUBLISHES: measurement name -> file name, published beside the page that runs it.
The author cache keys a generator's output on these; the build runs a generator after the jobs
whose results it reads, and renders the pages whose generators read measurements last.
"""

import ast
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from rosetta import measurements
from rosetta.execution.cache import files_digest
from rosetta.paths import PACKAGE, WORKERS, Project

REQUIRED = ("READS", "MEASUREMENTS")
OPTIONAL = {"SAVES": (), "RECORDS": (), "EXCLUSIVE": False, "PUBLISHES": {}}
WHILE_TIMING = "while timing"  # EXCLUSIVE's other value: alone only while it times


class DeclarationError(ValueError):
    """A generator without a readable declaration."""


@dataclass(frozen=True)
class Declaration:
    reads: tuple[str, ...]
    measurements: tuple[str, ...]
    saves: tuple[str, ...] = ()
    records: tuple[str, ...] = ()
    exclusive: bool | str = False  # True, False or WHILE_TIMING
    publishes: dict = field(default_factory=dict)


@cache
def _declaration(path: Path, modified: int) -> Declaration:
    values = {}
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            name = node.targets[0].id
            if name in (*REQUIRED, *OPTIONAL):
                try:
                    values[name] = ast.literal_eval(node.value)
                except ValueError:
                    raise DeclarationError(f"{path.name}: {name} must be a literal") from None
    if values.get("EXCLUSIVE", False) not in (True, False, WHILE_TIMING):
        raise DeclarationError(f"{path.name}: EXCLUSIVE must be True, False or {WHILE_TIMING!r}")
    missing = [name for name in REQUIRED if name not in values]
    if missing:
        raise DeclarationError(f"{path.name}: declares no {' and no '.join(missing)} (see rosetta/site/generators.py)")
    values = OPTIONAL | values
    return Declaration(tuple(values["READS"]), tuple(values["MEASUREMENTS"]), tuple(values["SAVES"]), tuple(values["RECORDS"]),
                       values["EXCLUSIVE"], dict(values["PUBLISHES"]))


def declaration(path: Path) -> Declaration:
    return _declaration(path, path.stat().st_mtime_ns)


def inputs_digest(path: Path, project: Project) -> str:
    """What a generator's output depends on besides its code: the files it declares, this package,
    the workers, and the measurements it reads."""
    declared = declaration(path)
    files = [match for pattern in declared.reads for match in project.root.glob(pattern) if match.is_file()]
    files += [*PACKAGE.rglob("*.py"), *WORKERS.rglob("*.py")]
    digest = files_digest(files)
    return digest + measurements.digest(declared.measurements) if declared.measurements else digest
