"""One way to write a file that a reader never sees half-written. Standard library only (lock.py uses it)."""

import os
import tempfile
from pathlib import Path


def write_text_atomically(path: Path, write) -> None:
    """Call `write(stream)` on a temporary file beside `path`, then rename it over `path`.

    If `write` fails, the temporary file is removed and `path` keeps its old content.
    """
    path = Path(path)
    with tempfile.NamedTemporaryFile("w", dir=path.resolve().parent, prefix=f".{path.name}.", suffix=".partial",
                                     delete=False, encoding="utf-8") as partial:
        try:
            write(partial)
        except BaseException:
            partial.close()
            os.unlink(partial.name)
            raise
    os.replace(partial.name, path)


def write_atomically(path: Path, text: str) -> None:
    write_text_atomically(path, lambda stream: stream.write(text))
