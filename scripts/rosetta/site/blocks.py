"""The executed blocks of one build: each runs its file as a reader would, or comes from the author cache.

- A block must be exactly one file of snippets/ or a page generator (scripts/generators/); its
  rendered HTML is marked with that file, so the tests can check every code block.
- A snippet runs in a fresh interpreter from an empty folder (`python file.py`); a generator runs
  in place, told which project it reads.
- With a cache (ROSETTA_CACHE, make serve), results are reused until what determines them changes.
- Every run is logged (page, block id, seconds); the summary lists the slowest.
- The files each page ran are kept in page.meta["rosetta_ran"], for the page's provenance.
"""

import html
import logging
import subprocess
import time
from pathlib import Path

from markupsafe import Markup

from rosetta import processes
from rosetta.execution.cache import BlockCache
from rosetta.execution.reader import run_as_reader, run_generator
from rosetta.paths import Project
from rosetta.site import adapters, generators

log = logging.getLogger("mkdocs.hooks.rosetta")
SLOWEST_SHOWN = 5
RAN = "rosetta_ran"  # page.meta key: the files a page ran, in order


def _normalise(code: str) -> str:
    return code.strip("\n")


class BlockRunner:
    def __init__(self, project: Project, cache: BlockCache | None, timeout: float):
        self.project, self.cache, self.timeout = project, cache, timeout
        self.files_by_code = {_normalise(path.read_text(encoding="utf-8")): path for path in project.executable_files()}
        self.timings: list[tuple[float, str, str]] = []
        self.page = None
        self.blocks_on_page = 0

    def start_page(self, page) -> None:
        self.page, self.blocks_on_page = page, 0
        page.meta[RAN] = []

    @property
    def page_name(self) -> str:
        return f"docs/{self.page.file.src_uri}" if self.page else "?"

    def format(self, code, md, **options):
        """markdown-exec's formatter for Python fences, running the block's file as a reader would."""
        self.blocks_on_page += 1
        block_id = options.get("id") or f"{Path(self.page_name).stem}-{self.blocks_on_page}"
        path = self.files_by_code.get(_normalise(code))
        source = self.project.relative(path) if path else ""

        def run(code, **ignored):  # markdown-exec passes the options again; the fence's own are the key
            return self._run(code, path=path, block_id=block_id, options=options)

        def wrap(rendered):
            return Markup(f'<div class="rosetta-exec" data-source="{html.escape(source)}">') + rendered + Markup("</div>")
        return adapters.render_block(code, md, run, options, wrap)

    def _run(self, code, *, path, block_id, options) -> str:
        page = self.page_name
        if path is None:
            self._fail(block_id, "its code is not exactly one file of snippets/ or scripts/generators/gen_*.py (include it with --8<--)")
        name = self.project.relative(path)
        if self.page is not None:
            self.page.meta.setdefault(RAN, []).append(name)
        generator = self.project.is_generator(path)
        key = self.cache.key(code, options, generators.inputs_digest(path, self.project) if generator else "") if self.cache else None
        cached = self.cache.get(key) if self.cache else None
        if cached is not None:
            log.info("exec %s  %s  %s  (cached)", page, block_id, name)
            return cached
        started = time.perf_counter()
        try:
            process = run_generator(path, self.project, self.timeout) if generator else run_as_reader(path, self.timeout)
        except subprocess.TimeoutExpired:
            self._fail(block_id, f"{name} did not finish within {self.timeout:.0f} s (ROSETTA_BLOCK_TIMEOUT)")
        except processes.LeftoverProcesses as leftover:
            self._fail(block_id, str(leftover))
        seconds = time.perf_counter() - started
        self.timings.append((seconds, page, f"{block_id} ({name})"))
        if process.returncode != 0:
            self._fail(block_id, f"{name} exited with status {process.returncode}: {processes.last_line(process.stderr)}", process.stderr)
        log.info("exec %s  %s  %s  %.1f s", page, block_id, name, seconds)
        if self.cache:
            self.cache.put(key, process.stdout)
        return process.stdout

    def _fail(self, block_id, reason, details=""):
        log.warning("%s: block %s failed: %s", self.page_name, block_id, reason)
        raise adapters.execution_error(details or reason)

    def log_summary(self) -> None:
        if self.timings:
            total = sum(seconds for seconds, _, _ in self.timings)
            log.info("executed %d blocks in %.1f s; slowest:", len(self.timings), total)
            for seconds, page, block in sorted(self.timings, reverse=True)[:SLOWEST_SHOWN]:
                log.info("  %6.1f s  %s  %s", seconds, page, block)
