"""Serve a built site on 127.0.0.1 at a free port: for the browser tests and the Lighthouse benchmark.

Text files are sent gzip-compressed to clients that accept it, as GitHub Pages serves the
published site, so that transfer sizes and load times resemble a reader's.
"""

import functools
import gzip
import http.server
import os
import threading
from pathlib import Path
from urllib.parse import urlsplit

COMPRESSED_SUFFIXES = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map"}


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not urlsplit(self.path).path.endswith("/"):
                return super().do_GET()  # redirects to the address with a slash
            path = path / "index.html"
        if "gzip" not in self.headers.get("Accept-Encoding", "") or path.suffix not in COMPRESSED_SUFFIXES or not path.is_file():
            return super().do_GET()
        body = _compressed(str(path), os.stat(path).st_mtime_ns)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@functools.lru_cache(maxsize=256)
def _compressed(path: str, modified: int) -> bytes:
    return gzip.compress(Path(path).read_bytes(), compresslevel=6)


def serve(directory: Path):
    """A generator: yields the site's URL, and stops the server when it is resumed or closed."""
    handler = functools.partial(QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
