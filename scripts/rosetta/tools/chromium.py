"""The one browser the project drives: Debian's Chromium (CHROMIUM names another), never a downloaded one.

The build draws each chart's static picture in it (rosetta.site.static_charts); the browser tests
and the Lighthouse benchmark read the built site in it.
"""

import os
from contextlib import contextmanager
from pathlib import Path

VARIABLE = "CHROMIUM"
DEFAULT = Path("/usr/bin/chromium")
# No GPU here; no first-run setup, background requests or updates: the browser asks no host but ours.
ARGUMENTS = (
    "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-quic",
)


class ChromiumMissing(RuntimeError):
    """No browser where CHROMIUM (or the default path) says."""


def executable() -> Path:
    path = Path(os.environ.get(VARIABLE) or DEFAULT)
    if not path.is_file():
        raise ChromiumMissing(f"no browser at {path}: install Debian's chromium (apt-get install chromium), "
                              f"or set {VARIABLE} to a Chromium or Chrome binary")
    return path


@contextmanager
def launched():
    """Chromium, headless, driven by Playwright; closed on leaving."""
    from playwright.sync_api import sync_playwright  # only the callers that drive a browser pay for the import

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(executable()), args=list(ARGUMENTS))
        try:
            yield browser
        finally:
            browser.close()
