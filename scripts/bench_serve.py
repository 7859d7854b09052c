"""Time a newcomer's first `make serve`: until the first page is served, and until every page has its outputs.

    python scripts/bench_serve.py   (make bench-serve)

Serves a copy of the project with an empty cache, as make serve does, and polls the pages: the
home page first appears with placeholders for its blocks, which the background build fills in.
Prints the three times. A benchmark, not a test: it needs the machine to itself.
"""

import argparse
import re
import sys
import tempfile
import time
from pathlib import Path

from rosetta.site.blocks import PLACEHOLDER
from rosetta.tools import serve_probe
from rosetta.tools.project_copy import copy_project

PENDING = PLACEHOLDER.split(":")[0]  # the placeholder's opening words, also on a notebook page not run yet


def pages(base: str) -> list[str]:
    """Every page of the served site, from its sitemap."""
    return [base + re.sub(r"^https?://[^/]+/", "", url) for url in re.findall(r"<loc>([^<]+)</loc>", serve_probe.page(base + "sitemap.xml") or "")]


def wait_for_every_page(base: str, timeout: float, server) -> tuple[float, str]:
    """Seconds until no page shows a placeholder, and the last page to fill in."""
    started, last = time.monotonic(), ""
    for url in pages(base):
        serve_probe.wait_for(url, lambda text: "<article" in text and PENDING not in text, timeout - (time.monotonic() - started), server)
        last = url.removeprefix(base)
    return time.monotonic() - started, last


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=float, default=1200, help="seconds to wait for the whole site")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="rosetta-serve-") as workdir:
        project = copy_project(Path(workdir) / "project")
        port = serve_probe.free_port()
        server = serve_probe.start(project, project / ".cache" / "blocks", port, Path(workdir) / "serve.log")
        base = f"http://127.0.0.1:{port}/"
        try:
            first = serve_probe.wait_for(base, lambda text: "<article" in text, args.timeout, server)
            print(f"first page served      {first:7.1f} s  (its blocks show placeholders until they have run)", flush=True)
            home = serve_probe.wait_for(base, lambda text: PENDING not in text, args.timeout, server)
            print(f"home page complete     {first + home:7.1f} s", flush=True)
            whole, last = wait_for_every_page(base, args.timeout, server)
            print(f"every page complete    {first + home + whole:7.1f} s  (all {len(pages(base))} pages of the sitemap; "
                  f"the last one checked: /{last})", flush=True)
        except (TimeoutError, RuntimeError) as error:
            print(f"bench_serve.py: {error}", file=sys.stderr)
            return 1
        finally:
            serve_probe.stop(server)
    return 0


if __name__ == "__main__":
    sys.exit(main())
