"""The built theme's files that the build mends after MkDocs has written them (the search worker,
the main stylesheet): each is found by its name's pattern and must be there exactly once, and a
mend is appended once, so that a rebuild under `make serve` does not add it again."""

from collections.abc import Callable
from pathlib import Path


class ThemeAssetError(RuntimeError):
    """The built site has no single file of the pattern to mend."""


def built_asset(site_dir: Path, folder: Path, pattern: str, what: str) -> Path:
    """The one file matching `pattern` in the built site's `folder`; `what` names it in the error."""
    found = sorted((site_dir / folder).glob(pattern))
    if len(found) != 1:
        raise ThemeAssetError(f"expected one {what} ({pattern}) in {site_dir / folder}, found {len(found)}")
    return found[0]


def append_once(asset: Path, marker: str, addition: Callable[[str], str]) -> Path:
    """Append `addition(text)` to the file unless its text already holds `marker`; return the file."""
    text = asset.read_text(encoding="utf-8")
    if marker not in text:
        asset.write_text(text + addition(text), encoding="utf-8")
    return asset
