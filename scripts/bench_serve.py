"""Time a newcomer's first `make serve`: until the first page is served, and until every page has its outputs.

    python scripts/bench_serve.py   (make bench-serve)

Serves a copy of the project with an empty cache, as make serve does, and polls the pages: the
home page first appears with placeholders for its blocks, which the background build fills in.
Prints the three times. A benchmark, not a test: it needs the machine to itself.
"""

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from rosetta.paths import REPO
from rosetta.site.blocks import PLACEHOLDER
from rosetta.tools import serve_probe

PENDING = PLACEHOLDER.split(":")[0]
LAST_PAGE = "which-framework/"  # rendered last: it reads what the other pages measured


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=float, default=1200, help="seconds to wait for the whole site")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="rosetta-serve-") as workdir:
        project = Path(workdir) / "project"
        for name in ("docs", "snippets", "scripts"):
            shutil.copytree(REPO / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
        shutil.copy(REPO / "mkdocs.yml", project)
        port = serve_probe.free_port()
        server = serve_probe.start(project, project / ".cache" / "blocks", port, Path(workdir) / "serve.log")
        base = f"http://127.0.0.1:{port}/"
        try:
            first = serve_probe.wait_for(base, lambda text: "<article" in text, args.timeout, server)
            print(f"first page served      {first:7.1f} s  (its blocks show placeholders until they have run)", flush=True)
            home = serve_probe.wait_for(base, lambda text: PENDING not in text, args.timeout, server)
            print(f"home page complete     {home:7.1f} s", flush=True)
            whole = serve_probe.wait_for(base + LAST_PAGE, lambda text: "<article" in text and PENDING not in text, args.timeout, server)
            print(f"every page complete    {whole:7.1f} s  (the last page to fill in: /{LAST_PAGE})", flush=True)
        except (TimeoutError, RuntimeError) as error:
            print(f"bench_serve.py: {error}", file=sys.stderr)
            return 1
        finally:
            serve_probe.stop(server)
    return 0


if __name__ == "__main__":
    sys.exit(main())
