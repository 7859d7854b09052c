"""What each block and notebook printed in this build, recorded for the generators and tests that read it.

The build records every job it runs or takes from the cache: a file's stdout, or an executed
notebook. ROSETTA_RECORDS names the folder when a caller wants to read them after the build (the
tests do); otherwise they live in the measurements folder, for the build only.
"""

import json
import os
import re
from pathlib import Path

from rosetta import measurements
from rosetta.atomic import write_atomically

FOLDER_VARIABLE = "ROSETTA_RECORDS"


def folder() -> Path | None:
    chosen = os.environ.get(FOLDER_VARIABLE)
    if chosen:
        return Path(chosen)
    handover = measurements.folder()
    return handover / "records" if handover else None


def _file(target: Path, name: str) -> Path:
    return target / (re.sub(r"[^\w.-]+", "_", name) + ".json")


def save(name: str, stdout: str) -> None:
    target = folder()
    if target is None:
        return
    target.mkdir(parents=True, exist_ok=True)
    write_atomically(_file(target, name), json.dumps({"name": name, "stdout": stdout}))


def load(name: str, target: Path | None = None) -> str | None:
    """The recorded output of the job `name` (a project-relative path), or None outside a build.

    `target`: the folder of another build's records (the tests read the records of theirs)."""
    target = target or folder()
    path = _file(target, name) if target else None
    if path is None or not path.is_file():
        return None
    return json.loads(path.read_text(encoding="utf-8"))["stdout"]
