"""Time CI on this machine: a fresh clone, its environment created (timed apart), then CI=true bash .ci/run.

    python scripts/bench_ci.py [--commit REV] [--log ci.log]   (make bench-ci)

Prints both times and the build's parallel summary, and exits 1 when CI fails or takes more than
the budget of 12 minutes, the environment's creation included (a fresh machine's .ci/run does it).
A benchmark, not a test: it needs the machine to itself.
"""

import argparse
import subprocess
import sys
from pathlib import Path

from rosetta.paths import REPO
from rosetta.tools.ci_benchmark import measure

BUDGET_SECONDS = 12 * 60


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--commit", default="HEAD", help="the commit to clone (default: HEAD; uncommitted changes are not measured)")
    parser.add_argument("--log", type=Path, default=Path("bench-ci.log"), help="where CI's whole output is written")
    args = parser.parse_args(argv)
    commit = subprocess.run(["git", "rev-parse", "--verify", "--quiet", args.commit + "^{commit}"], cwd=REPO, capture_output=True, text=True)
    if commit.returncode != 0:
        print(f"bench_ci.py: {args.commit!r} is not a commit of this repository", file=sys.stderr)
        return 2
    result = measure(commit.stdout.strip(), args.log, lambda message: print(message, flush=True))
    whole = result["environment_seconds"] + result["ci_seconds"]
    within = whole <= BUDGET_SECONDS
    print(f"commit            {result['commit'][:12]}")
    print(f"environment       {result['environment_seconds']:7.1f} s  (venv from the lock and node_modules)")
    print(f"CI=true .ci/run   {result['ci_seconds']:7.1f} s  (then; exit status {result['ci_status']})")
    print(f"in all            {whole:7.1f} s  ({'within' if within else 'OVER'} the budget of {BUDGET_SECONDS // 60} minutes)")
    print(f"tests             {result['tests'] or 'no pytest summary found'}")
    waited = result["site_build_wait_seconds"]
    print(f"site build wait   {f'{waited:7.1f} s  (after the tests that ran beside it)' if waited else 'not found in the log'}")
    return 0 if within and result["ci_status"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
