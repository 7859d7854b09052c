"""The author cache: outputs of executed blocks, addressed by everything that determines them.

The key is the block's source after includes, its options, the installed versions of the
frameworks and the Python version. A generator's key also covers what it declares it reads
(rosetta.site.generators), this package and the workers, and the measurements it consumes.
An entry that cannot be read is discarded with a one-line warning, and the block runs again.
Failures are kept apart (failed/), for make serve, which shows them rather than run them again.
"""

import hashlib
import json
import logging
import sys
from pathlib import Path

from rosetta.atomic import write_atomically
from rosetta.environment import package_versions

log = logging.getLogger("mkdocs.hooks.rosetta")


def files_digest(paths) -> str:
    """A digest of the files' names and contents, in a stable order."""
    digest = hashlib.sha256()
    for path in sorted(set(paths)):
        digest.update(str(path).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


class BlockCache:
    def __init__(self, directory: Path):
        self.directory = directory
        self._versions = package_versions()

    def key(self, code: str, options: dict, inputs: str = "") -> str:
        """`inputs`: a digest of what else the block reads (empty for a snippet, which reads nothing)."""
        material = {"code": code, "options": options, "versions": self._versions, "python": sys.version, "inputs": inputs}
        return hashlib.sha256(json.dumps(material, sort_keys=True, default=str).encode()).hexdigest()

    def get(self, key: str) -> str | None:
        entry = self.directory / f"{key}.json"
        if not entry.exists():
            return None
        try:
            return json.loads(entry.read_text(encoding="utf-8"))["stdout"]
        except (ValueError, KeyError, TypeError, UnicodeDecodeError):
            # Logged as information: in a strict build a warning would fail the build it is repairing.
            log.info("warning: discarded the unreadable cache entry %s; its block runs again", entry.name)
            entry.unlink(missing_ok=True)
            return None

    def put(self, key: str, stdout: str) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        write_atomically(self.directory / f"{key}.json", json.dumps({"stdout": stdout}))
        (self.directory / "failed" / f"{key}.json").unlink(missing_ok=True)

    def put_failure(self, key: str, failure: dict) -> None:
        """A run that failed (make serve's background build): shown by make serve instead of being run again."""
        (self.directory / "failed").mkdir(parents=True, exist_ok=True)
        write_atomically(self.directory / "failed" / f"{key}.json", json.dumps(failure))

    def get_failure(self, key: str) -> dict | None:
        entry = self.directory / "failed" / f"{key}.json"
        try:
            return json.loads(entry.read_text(encoding="utf-8")) if entry.exists() else None
        except ValueError:
            entry.unlink(missing_ok=True)
            return None
