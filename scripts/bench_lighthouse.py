"""Lighthouse performance and accessibility of every page of the built site, in Debian's Chromium.

    python scripts/bench_lighthouse.py [SITE_DIR] [--runs N] [--pages PATH,PATH]   (make bench-lighthouse)

Serves SITE_DIR (default site/, written by make build) on 127.0.0.1, runs Lighthouse from
node_modules (npm ci installs it from package-lock.json) N times per page (every page of the
site unless --pages names some) with its default mobile profile and simulated throttling, and
prints the median performance and accessibility scores and load metrics. The target is 95 or
more in both. This is a benchmark, not a test: its numbers depend on the machine, and belong in
notes and docs, not in assertions.
"""

import argparse
import statistics
import sys
from pathlib import Path

from rosetta.paths import REPO
from rosetta.tools.chromium import ChromiumMissing, executable
from rosetta.tools.lighthouse import CATEGORIES, LIGHTHOUSE, METRICS, TARGET, lighthouse
from rosetta.tools.server import serve


def site_pages(site: Path) -> list[str]:
    """Every page of a built site as a path from its root ("" is the home page), the 404 page aside."""
    return sorted(page.parent.relative_to(site).as_posix().removeprefix(".") + ("/" if page.parent != site else "")
                  for page in site.rglob("index.html"))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", type=Path, default=REPO / "site")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pages", help="comma-separated paths on the site, the home page as an empty path (default: every page)")
    args = parser.parse_args(argv)
    problem = (f"{args.site} is not a built site (run make build)" if not (args.site / "index.html").is_file()
               else f"{LIGHTHOUSE} is missing (run npm ci)" if not LIGHTHOUSE.is_file()
               else "--runs must be at least 1" if args.runs < 1 else "")
    try:
        chromium = str(executable())
    except ChromiumMissing as error:
        problem = problem or str(error)
    if problem:
        print(f"bench_lighthouse.py: {problem}", file=sys.stderr)
        return 2

    paths = args.pages.split(",") if args.pages is not None else site_pages(args.site)
    server = serve(args.site)
    base = next(server)
    print(f"Lighthouse, {args.runs} run{'s' if args.runs > 1 else ''} per page, median; Chromium {chromium}, site {args.site}\n")
    print("| Page | " + " | ".join(category.capitalize() for category in CATEGORIES) + " | " + " | ".join(METRICS.values()) + " |")
    print("| --- | " + " | ".join("---:" for _ in (*CATEGORIES, *METRICS)) + " |")
    below = []
    for path in paths:
        runs = [lighthouse(base + path, chromium) for _ in range(args.runs)]
        scores = {category: statistics.median(run[category] for run in runs) for category in CATEGORIES}
        cells = " | ".join(f"{statistics.median(run[audit] for run in runs):,.0f} ms" for audit in METRICS)
        shown = " | ".join(f"{scores[category]:.0f}" + (f" (runs: {', '.join(f'{run[category]:.0f}' for run in runs)})" if args.runs > 1 else "")
                           for category in CATEGORIES)
        print(f"| /{path} | {shown} | {cells} |", flush=True)
        below += [f"/{path} {category} {score:.0f}" for category, score in scores.items() if score < TARGET]
    next(server, None)  # stops the server
    print(f"\nTarget: {TARGET} or more. " + ("Met on every page." if not below else "Missed: " + "; ".join(below) + "."))
    return 0


if __name__ == "__main__":
    sys.exit(main())
