"""ONNX Runtime Web, which runs the build's digits classifier in the reader's browser.

npm's onnxruntime-web (in package.json, installed by `npm ci` with the site checks) holds one build
per backend; the site serves the WebAssembly one: its ES module, with the JavaScript glue inside,
and the .wasm file, which the module fetches from beside itself. Both are copied into the site
(scripts/hooks/assets.py): the browser asks no other host for them, and only the page that runs a
model imports them (docs/javascripts/digits.js).
"""

import json
from functools import cache

from rosetta.paths import REPO

PACKAGE = "onnxruntime-web"
FOLDER = REPO / "node_modules" / PACKAGE
FILES = ("ort.wasm.bundle.min.mjs", "ort-wasm-simd-threaded.wasm")  # the module, then the WebAssembly it loads
SITE_FOLDER = "javascripts/onnxruntime-web"  # in the built site, beside the site's own scripts


class RuntimeMissing(RuntimeError):
    """onnxruntime-web is not installed, or lacks a file the site serves."""


@cache
def checked_files():
    """The paths of FILES, once every one is there."""
    paths = [FOLDER / "dist" / name for name in FILES]
    missing = [path.name for path in paths if not path.is_file()]
    if missing:
        raise RuntimeMissing(f"node_modules/{PACKAGE}/dist lacks {', '.join(missing)}: run npm ci (make does it before a build)")
    return paths


def version() -> str:
    checked_files()
    return json.loads((FOLDER / "package.json").read_text(encoding="utf-8"))["version"]
