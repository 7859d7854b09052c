"""DL Rosetta's timing suite as a command-line tool: measure this machine, write JSON, compare.

    python scripts/bench.py --output mine.json                 # the whole suite
    python scripts/bench.py --runtimes pytorch,onnxruntime --workloads mlp --output mine.json
    python scripts/bench.py --output mine.json --compare site.json

Each framework runs in its own process (scripts/workers/bench_worker.py), at 1 thread and at all
cores. Cells report median and interquartile range; a cell whose IQR is over 10% of its median
is flagged.
"""

import argparse
import json
import os
import sys
from pathlib import Path

from rosetta.atomic import write_text_atomically
from rosetta.bench.suite import DEFAULT_BATCH_SIZES, WORKLOADS, UsageError, compare, parse_batch_sizes, parse_list, run_suite
from rosetta.vocabulary import RUNTIMES


def check_writable(path: Path) -> None:
    folder = path.resolve().parent
    if path.is_dir() or not folder.is_dir() or not os.access(folder, os.W_OK):
        raise UsageError(f"cannot write the results to {path}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", required=True, type=Path, help="where to write the results (JSON)")
    parser.add_argument("--runtimes", default=",".join(RUNTIMES), help=f"comma-separated, from: {', '.join(RUNTIMES)}")
    parser.add_argument("--workloads", default=",".join(WORKLOADS), help=f"comma-separated, from: {', '.join(WORKLOADS)}")
    parser.add_argument("--batch-sizes", default=",".join(map(str, DEFAULT_BATCH_SIZES)), help="for the growth workload")
    parser.add_argument("--compare", type=Path, help="results JSON to print beside yours (the site's, say)")
    args = parser.parse_args(argv)
    try:
        runtimes = parse_list(args.runtimes, list(RUNTIMES), "runtime")
        workloads = parse_list(args.workloads, WORKLOADS, "workload")
        batch_sizes = parse_batch_sizes(args.batch_sizes)
        check_writable(args.output)
        theirs = json.loads(args.compare.read_text()) if args.compare else None
    except UsageError as error:
        print(f"bench.py: {error}", file=sys.stderr)
        return 2
    except (OSError, json.JSONDecodeError) as error:
        print(f"bench.py: cannot read --compare {args.compare}: {error}", file=sys.stderr)
        return 2
    try:
        results = run_suite(runtimes, workloads, batch_sizes, sorted({1, os.cpu_count()}))
    except KeyboardInterrupt:
        print("bench.py: interrupted; nothing written", file=sys.stderr)
        return 130
    write_text_atomically(args.output, lambda stream: json.dump(results, stream, indent=1))
    print(f"wrote {args.output} ({len(results['cells'])} cells in {results['seconds']:.0f} s)")
    if theirs:
        print(compare(results, theirs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
