"""Lighthouse, from node_modules (npm ci installs it from package-lock.json), run on one page in Chromium."""

import json
import subprocess

from rosetta.paths import REPO

LIGHTHOUSE = REPO / "node_modules" / ".bin" / "lighthouse"
METRICS = {  # Lighthouse audit id: label
    "first-contentful-paint": "First contentful paint",
    "largest-contentful-paint": "Largest contentful paint",
    "total-blocking-time": "Total blocking time",
    "speed-index": "Speed index",
}
TARGET = 95


CATEGORIES = ("performance", "accessibility")


def lighthouse(url: str, chromium: str) -> dict:
    """The performance and accessibility scores and the load metrics of one run, mobile profile with simulated throttling."""
    run = subprocess.run(
        [str(LIGHTHOUSE), url, f"--only-categories={','.join(CATEGORIES)}", "--output=json", "--output-path=stdout", "--quiet",
         f"--chrome-path={chromium}", "--chrome-flags=--headless=new --no-sandbox --disable-gpu"],
        capture_output=True, text=True, timeout=300,
    )
    if run.returncode != 0:
        raise RuntimeError(f"lighthouse failed on {url}: {(run.stderr.strip().splitlines() or ['no output'])[-1]}")
    report = json.loads(run.stdout)
    return {**{category: report["categories"][category]["score"] * 100 for category in CATEGORIES},
            **{audit: report["audits"][audit]["numericValue"] for audit in METRICS}}
