"""Lighthouse performance of the built site's home and Benchmarks pages, in Debian's Chromium.

    python scripts/bench_lighthouse.py [SITE_DIR] [--runs N] [--pages PATH,PATH]   (make bench-lighthouse)

Serves SITE_DIR (default site/, written by make build) on 127.0.0.1, runs Lighthouse from
node_modules (npm ci installs it from package-lock.json) N times per page with its default
mobile profile and simulated throttling, and prints the median performance score and load
metrics. The target is a score of 95 or more. This is a benchmark, not a test: its numbers
depend on the machine, and belong in notes and docs, not in assertions.
"""

import argparse
import os
import statistics
import sys
from pathlib import Path

from rosetta.paths import REPO
from rosetta.tools.lighthouse import LIGHTHOUSE, METRICS, TARGET, lighthouse
from rosetta.tools.server import serve


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", type=Path, default=REPO / "site")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pages", default=",benchmarks/", help="comma-separated paths on the site; empty is the home page")
    args = parser.parse_args(argv)
    chromium = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    problem = (f"{args.site} is not a built site (run make build)" if not (args.site / "index.html").is_file()
               else f"{LIGHTHOUSE} is missing (run npm ci)" if not LIGHTHOUSE.is_file()
               else f"no browser at {chromium} (set CHROMIUM)" if not Path(chromium).is_file()
               else "--runs must be at least 1" if args.runs < 1 else "")
    if problem:
        print(f"bench_lighthouse.py: {problem}", file=sys.stderr)
        return 2

    server = serve(args.site)
    base = next(server)
    print(f"Lighthouse performance, {args.runs} runs per page, median; Chromium {chromium}, site {args.site}\n")
    print("| Page | Score | " + " | ".join(METRICS.values()) + " |")
    print("| --- | ---: | " + " | ".join("---:" for _ in METRICS) + " |")
    below = []
    for path in args.pages.split(","):
        runs = [lighthouse(base + path, chromium) for _ in range(args.runs)]
        score = statistics.median(run["score"] for run in runs)
        cells = " | ".join(f"{statistics.median(run[audit] for run in runs):,.0f} ms" for audit in METRICS)
        scores = ", ".join(f"{run['score']:.0f}" for run in runs)
        print(f"| /{path} | {score:.0f} (runs: {scores}) | {cells} |")
        if score < TARGET:
            below.append(f"/{path} scores {score:.0f}")
    next(server, None)  # stops the server
    print(f"\nTarget: {TARGET} or more. " + ("Met on every page." if not below else "Missed: " + "; ".join(below) + "."))
    return 0


if __name__ == "__main__":
    sys.exit(main())
