"""Benchmark the author cache: a cold build, then a warm rebuild after a prose-only edit.

    python scripts/bench_cache.py   (make bench-cache)

Prints both times and their ratio, and exits 1 when the warm rebuild takes more than 5% of the
cold build. How it builds: rosetta.tools.cache_benchmark.
"""

import argparse
import logging
import sys

from rosetta.tools.cache_benchmark import cold_and_warm

TARGET_RATIO = 0.05


def main(argv=None) -> int:
    argparse.ArgumentParser(description=__doc__.splitlines()[0]).parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(message)s")
    cold, warm = cold_and_warm(lambda message: print(message, flush=True))
    ratio = warm / cold
    verdict = "meets" if ratio <= TARGET_RATIO else "MISSES"
    print(f"cold build   {cold:6.1f} s")
    print(f"warm rebuild {warm:6.1f} s")
    print(f"ratio        {ratio:6.1%}  ({verdict} the target of at most {TARGET_RATIO:.0%})")
    return 0 if ratio <= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
