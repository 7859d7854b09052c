"""Measure deployment routes of the shared classifier in one process: python deployment_route.py ROUTE[,ROUTE...] WORKDIR.

WORKDIR holds weights.npz and inputs.npy (written by gen_deployment_matrix.py). Each route builds
its file in WORKDIR/ROUTE; the last line printed is a JSON list with, per route, the artifact size,
load time, batch-1 latency and the path of its outputs on the input batch
(rosetta.digits.routes.measure), or, for a route that raised, its error in one line. The ROUTEs are slugs of rosetta.vocabulary.DEPLOYMENT_ROUTES
that share a process (rosetta.vocabulary.deployment_processes); it runs on one thread.
"""

import json
import sys
from pathlib import Path

from rosetta.offline import decline_openvino_telemetry
from rosetta.processes import worker_targets
from rosetta.threads import pin_threads
from rosetta.vocabulary import DEPLOYMENT_ROUTES, process_keras_backend


def main(slugs: list[str], workdir: Path) -> None:
    from rosetta.digits.routes import measure

    rows = []
    for slug in slugs:
        try:
            rows.append(measure(slug, workdir))
        except Exception as error:  # a route that cannot run on these pins is shown failed; the others go on
            rows.append({"route": slug, "error": f"{type(error).__name__}: {' '.join(str(error).split())[:400]}"})
    print(json.dumps(rows))


if __name__ == "__main__":
    routes, work = worker_targets(sys.argv, DEPLOYMENT_ROUTES, "route")
    processes = {DEPLOYMENT_ROUTES[slug].process for slug in routes}
    if len(processes) > 1:
        sys.exit(f"deployment_route.py: {', '.join(routes)} belong to different processes ({', '.join(sorted(processes))}); run them apart")
    decline_openvino_telemetry(work)
    try:
        backend = process_keras_backend([DEPLOYMENT_ROUTES[slug] for slug in routes])
    except ValueError as error:
        sys.exit(f"deployment_route.py: {error}; run them apart")
    pin_threads(1, keras_backend=backend)  # before any framework loads
    main(routes, work)
