"""Measure one deployment route of the shared classifier: python deployment_route.py ROUTE WORKDIR.

WORKDIR holds weights.npz and inputs.npy (written by gen_deployment_matrix.py). The route builds
its file in WORKDIR/ROUTE, then prints one JSON line: artifact size, load time, batch-1 latency
and the path of its outputs on the input batch (rosetta.digits.routes.measure). ROUTE is a slug
of rosetta.vocabulary.DEPLOYMENT_ROUTES; every route runs in its own process, on one thread.
"""

import json
import sys
from pathlib import Path

from rosetta.threads import pin_threads
from rosetta.vocabulary import DEPLOYMENT_ROUTES

if __name__ == "__main__":
    route, work = sys.argv[1], Path(sys.argv[2])
    if route not in DEPLOYMENT_ROUTES:
        sys.exit(f"deployment_route.py: unknown route {route!r}; choose from {', '.join(DEPLOYMENT_ROUTES)}")
    pin_threads(1, keras_backend=DEPLOYMENT_ROUTES[route].backend or "tensorflow")  # before any framework loads
    from rosetta.digits.routes import measure

    print(json.dumps(measure(route, work)))
