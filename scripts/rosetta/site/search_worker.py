"""The theme's search worker, mended: lunr's token-set keys can collide and break prefix search.

The worker bundles lunr 2.3.9, whose token set keys a node by its edges' labels and child ids run
together; with digits among the labels two different nodes can share a key and be merged, and a
query then fails with nothing shown (which queries depends on the numbers a build prints). The
fix, lunr_tokenset_fix.js, is appended to the built worker: it runs after lunr is defined and
before the worker builds its index. scripts/hooks/assets.py applies it after every build.
"""

from pathlib import Path

from rosetta.site.theme_assets import append_once, built_asset

FIX = Path(__file__).with_name("lunr_tokenset_fix.js")
MARKER = "DL Rosetta, appended to the theme's search worker"
WORKERS = Path("assets") / "javascripts" / "workers"


def search_worker(site_dir: Path) -> Path:
    return built_asset(site_dir, WORKERS, "search.*.min.js", "search worker")


def mend_search_worker(site_dir: Path) -> Path:
    """Append the fix to the site's search worker, once; return the worker."""
    return append_once(search_worker(site_dir), MARKER, lambda _: FIX.read_text(encoding="utf-8"))
