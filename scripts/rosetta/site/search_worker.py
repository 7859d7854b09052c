"""The theme's search worker, mended: lunr's token-set keys can collide and break prefix search.

The worker bundles lunr 2.3.9, whose token set keys a node by its edges' labels and child ids run
together; with digits among the labels two different nodes can share a key and be merged, and a
query then fails with nothing shown (which queries depends on the numbers a build prints). The
fix, lunr_tokenset_fix.js, is appended to the built worker: it runs after lunr is defined and
before the worker builds its index. scripts/hooks/assets.py applies it after every build.
"""

from pathlib import Path

FIX = Path(__file__).with_name("lunr_tokenset_fix.js")
MARKER = "DL Rosetta, appended to the theme's search worker"
WORKERS = Path("assets") / "javascripts" / "workers"


class SearchWorkerError(RuntimeError):
    """The built site has no single search worker to mend."""


def search_worker(site_dir: Path) -> Path:
    found = sorted((site_dir / WORKERS).glob("search.*.min.js"))
    if len(found) != 1:
        raise SearchWorkerError(f"expected one search worker (search.*.min.js) in {site_dir / WORKERS}, found {len(found)}")
    return found[0]


def mend_search_worker(site_dir: Path) -> Path:
    """Append the fix to the site's search worker, once; return the worker."""
    worker = search_worker(site_dir)
    code = worker.read_text(encoding="utf-8")
    if MARKER not in code:
        worker.write_text(code + FIX.read_text(encoding="utf-8"), encoding="utf-8")
    return worker
