"""Compare the text of two builds of the site, page by page, with measured timings masked.

    python scripts/diff_builds.py SITE_A SITE_B

Exit status 1 and one line per page when the builds differ, 2 on bad input. What is masked:
rosetta.tools.diff.
"""

import argparse
import sys
from pathlib import Path

from rosetta.tools.diff import differences


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sites", nargs="*", type=Path, help="two built sites (folders with an index.html)")
    args = parser.parse_args(argv)
    if len(args.sites) != 2 or not all((site / "index.html").is_file() for site in args.sites):
        print("diff_builds.py: give two built sites (folders with an index.html): diff_builds.py SITE_A SITE_B", file=sys.stderr)
        return 2
    first, second = args.sites
    problems = differences(first, second)
    for problem in problems:
        print(f"diff_builds.py: {problem}")
    if not problems:
        print(f"diff_builds.py: the {len(list(first.rglob('*.html')))} pages have the same text once timings are masked")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
