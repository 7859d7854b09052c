"""Check every internal link and anchor of a built site, and list its external links in one report.

    python scripts/links_report.py SITE_DIR [--output REPORT.md]

Exit status 1 when an internal link or anchor is broken, 2 on bad input; the report is written
whole or not at all. The checks: rosetta.tools.links.
"""

import argparse
import sys
from pathlib import Path

from rosetta.atomic import write_atomically
from rosetta.tools.links import check, report


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="a built site (make build writes site/)")
    parser.add_argument("--output", type=Path, help="write the report here instead of printing it")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        print(f"links_report.py: {args.site} is not a built site (no index.html)", file=sys.stderr)
        return 2
    broken, external = check(args.site)
    text = report(broken, external)
    if args.output:
        write_atomically(args.output, text)
    else:
        print(text, end="")
    for problem in broken:
        print(f"links_report.py: {problem}", file=sys.stderr)
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
