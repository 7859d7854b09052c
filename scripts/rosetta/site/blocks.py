"""The executed blocks of one build: planned from the pages, run by the scheduler, shown where they stand.

- A block must be exactly one file of snippets/ or a page generator (scripts/generators/); its
  rendered HTML is marked with that file, so the tests can check every code block.
- Before any page is rendered, every page's executed files and every notebook run are handed to
  the scheduler (rosetta.execution.scheduler), which runs each once, on all cores; a page waits
  for its own blocks' results.
- A snippet runs from an empty folder as `python file.py` would, in a fork of an interpreter that
  has imported its framework when the file allows it and another snippet shares it
  (rosetta.execution.preloading; ROSETTA_PRELOAD=0: always `python file.py`); a generator runs
  in place, told which project it reads; a notebook runs in a fresh kernel (scripts/workers/).
- With a cache (ROSETTA_CACHE, make serve), results are reused until what determines them changes.
  make serve (ROSETTA_SERVE) never waits for a block: what the cache lacks shows a placeholder,
  and a background build fills the cache (rosetta.execution.filler); the pages then fill in.
- Every block is logged (page, block id, seconds); the summary gives wall time, summed time and
  the speed-up, and which jobs ran alone.
- The files each page ran are kept in page.meta["rosetta_ran"], for the page's provenance.
"""

import html
import logging
import sys
from collections import Counter
from fnmatch import fnmatch
from pathlib import Path

from markupsafe import Markup
from mkdocs.exceptions import PluginError

from rosetta import processes
from rosetta.execution.cache import BlockCache
from rosetta.execution.filler import signaller
from rosetta.execution.preloading import VARIABLE as PRELOAD_VARIABLE, Interpreters, Preload, preload_for
from rosetta.execution.reader import reader_environment, run_as_reader, run_generator
from rosetta.execution.scheduler import Job, Scheduler, terminal_progress
from rosetta.paths import WORKERS, Project
from rosetta.site import adapters, generators
from rosetta.site.plan import NotebookRun, executed_files, in_reading_order, notebook_pages, notebook_runs

log = logging.getLogger("mkdocs.hooks.rosetta")
SLOWEST_SHOWN = 5
RAN = "rosetta_ran"  # page.meta key: the files a page ran, in order
CONFIG_KEY = "rosetta_blocks"  # config[CONFIG_KEY]: this build's BlockRunner, for every hook
PLACEHOLDER = ("⏳ Not run yet: make serve is running this block in the background; "
               "the page reloads with its output when the run ends (progress: .cache/blocks/fill.log).")


def _normalise(code: str) -> str:
    return code.strip("\n")


class BlockRunner:
    def __init__(self, project: Project, cache: BlockCache | None, timeout: float, workers: int, pending: bool = False,
                 preload: bool = True):
        """`pending` (make serve): run nothing; what the cache lacks is left to the background build.
        `preload`: snippets that allow it run in preloaded interpreters (rosetta.execution.preloading)."""
        self.project, self.cache, self.timeout, self.workers, self.pending = project, cache, timeout, workers, pending
        self.preload = preload
        self.interpreters = Interpreters(reader_environment())
        self.code_of = {path: _normalise(path.read_text(encoding="utf-8")) for path in project.executable_files()}
        self.files_by_code = {code: path for path, code in self.code_of.items()}
        self.scheduler = Scheduler(workers, cache, timeout, terminal_progress(log), run_missing=not pending, signal=signaller())
        self.page = None
        self.blocks_on_page = 0
        self.timings: list[tuple[float, str, str]] = []
        self.executed_by_page: dict[str, list[Path]] = {}  # page src_uri -> the files its exec fences include

    # ---- planning: every job of the build, before the first page -----------------------------

    def plan(self, files, nav=None) -> None:
        executed = []
        for page in in_reading_order(files.documentation_pages(), nav):
            if page.src_uri.endswith(".md"):
                found = [path for path in executed_files(Path(page.abs_src_path).read_text(encoding="utf-8"), self.project)
                         if path in self.code_of]  # any other file fails its block: it is not a snippet nor a generator
                for path in filter(self.project.is_generator, found):
                    try:
                        generators.declaration(path)
                    except generators.DeclarationError as error:
                        raise PluginError(f"docs/{page.src_uri}: {error}") from None
                self.executed_by_page[page.src_uri] = found
                executed += found
        blocks = list(dict.fromkeys(executed))
        notebooks = notebook_runs(notebook_pages(files))
        names = [self.project.relative(path) for path in blocks] + [run.name(self.project) for run in notebooks]
        savers = {saved: self.project.relative(path) for path in blocks if self.project.is_generator(path)
                  for saved in generators.declaration(path).saves}
        preloads = self._preloads([path for path in blocks if not self.project.is_generator(path)])
        for path in blocks:
            self.scheduler.add(self._block_job(path, names, savers, preloads.get(path)))
        for run in notebooks:
            self.scheduler.add(self._notebook_job(run))
        self.scheduler.start()

    def _preloads(self, snippets: list[Path]) -> dict[Path, Preload]:
        """The snippets that run in a preloaded interpreter, and which: only an interpreter that two or more
        share saves an import; a snippet that times, or whose processes keep time together, runs as itself."""
        if not self.preload:
            return {}
        chosen = {path: preload_for(self.code_of[path]) for path in snippets
                  if not self.project.is_timed(path) and not self.project.is_distributed(path)}
        shared = Counter(chosen.values())
        return {path: preload for path, preload in chosen.items() if preload and shared[preload] > 1}

    def _block_job(self, path: Path, names: list[str], savers: dict, preload: Preload | None) -> Job:
        name, code = self.project.relative(path), self.code_of[path]
        if preload:
            return Job(name, lambda on_start, env: self.interpreters.run(preload, path, self.timeout, on_start),
                       lambda: "", code)
        if not self.project.is_generator(path):
            return Job(name, lambda on_start, env: run_as_reader(path, self.timeout, on_start), lambda: "", code,
                       exclusive=self.project.is_timed(path), stoppable=not self.project.is_distributed(path))
        declared = generators.declaration(path)
        waits = [savers[saved] for saved in declared.measurements if saved in savers]
        waits += [other for other in names if any(fnmatch(other.split(" [")[0], pattern) for pattern in declared.records)]
        return Job(name, lambda on_start, env: run_generator(path, self.project, self.timeout, on_start, env),
                   lambda: generators.inputs_digest(path, self.project), code, declared.exclusive is True,
                   declared.exclusive == generators.WHILE_TIMING, waits_for=list(dict.fromkeys(waits)), heavy=True)

    def _notebook_job(self, run: NotebookRun) -> Job:
        name = run.name(self.project)
        command = [sys.executable, str(WORKERS / "notebook_run.py"), str(run.path), *([run.backend] if run.backend else [])]

        def execute(on_start, env):
            return processes.run(command, name=name, timeout=self.timeout, env=reader_environment() | env, on_start=on_start)
        # A notebook prints its training time: its timed cells run alone (notebook_run.py asks for the machine).
        return Job(name, execute, lambda: f"KERAS_BACKEND={run.backend}", run.path.read_text(encoding="utf-8"),
                   alone_while_timing=True, heavy=True)

    def reads_measurements(self, src_uri: str) -> bool:
        """Whether a page runs a generator that reads other pages' measurements (it is rendered last)."""
        return any(generators.declaration(path).measurements
                   for path in self.executed_by_page.get(src_uri, []) if self.project.is_generator(path))

    def notebook_result(self, path: Path):
        return self.scheduler.result(self.project.relative(path))

    def has_pending(self) -> bool:
        """Whether any job was left to the background build (make serve); waits for the plan to settle."""
        return any(self.scheduler.result(name).pending for name in self.scheduler.jobs)

    # ---- rendering: each block shows its file's output -------------------------------------

    def start_page(self, page) -> None:
        self.page, self.blocks_on_page = page, 0
        page.meta[RAN] = []

    @property
    def page_name(self) -> str:
        return f"docs/{self.page.file.src_uri}" if self.page else "?"

    def format(self, code, md, **options):
        """markdown-exec's formatter for Python fences: the output of the block's file, as a reader sees it."""
        self.blocks_on_page += 1
        block_id = options.get("id") or f"{Path(self.page_name).stem}-{self.blocks_on_page}"
        path = self.files_by_code.get(_normalise(code))
        source = self.project.relative(path) if path else ""

        def run(code, **ignored):  # markdown-exec passes the options again
            return self._output(path, block_id)

        def wrap(rendered):
            return Markup(f'<div class="rosetta-exec" data-source="{html.escape(source)}">') + rendered + Markup("</div>")
        return adapters.render_block(code, md, run, options, wrap)

    def _output(self, path, block_id) -> str:
        if path is None:
            self._fail(block_id, "its code is not exactly one file of snippets/ or scripts/generators/gen_*.py (include it with --8<--)")
        name = self.project.relative(path)
        if self.page is not None:
            self.page.meta.setdefault(RAN, []).append(name)
        if name not in self.scheduler.jobs:
            self._fail(block_id, f"{name} was not planned: its fence must be a python exec fence that includes it with --8<--")
        outcome = self.scheduler.result(name)
        if outcome.pending:
            log.info("exec %s  %s  %s  (not run yet: make serve's background build runs it)", self.page_name, block_id, name)
            return PLACEHOLDER
        if outcome.error:
            self._fail(block_id, outcome.error)
        if outcome.returncode != 0:
            self._fail(block_id, f"{name} exited with status {outcome.returncode}: {processes.last_line(outcome.stderr)}", outcome.stderr)
        if outcome.cached:
            log.info("exec %s  %s  %s  (cached)", self.page_name, block_id, name)
        else:
            job = self.scheduler.jobs[name]
            alone = "  (ran alone)" if job.exclusive else "  (timed alone)" if job.alone_while_timing else ""
            log.info("exec %s  %s  %s  %.1f s%s", self.page_name, block_id, name, outcome.seconds, alone)
            self.timings.append((outcome.seconds, self.page_name, f"{block_id} ({name})"))
        return outcome.stdout

    def _fail(self, block_id, reason, details=""):
        log.warning("%s: block %s failed: %s", self.page_name, block_id, reason)
        raise adapters.execution_error(details or reason)

    def close(self) -> None:
        """Stop every job still running, then the preloaded interpreters."""
        self.scheduler.close()
        self.interpreters.close()

    def log_summary(self) -> None:
        for line in self.scheduler.summary():
            log.info(line)
        if self.interpreters.used:
            log.info("snippets run in preloaded interpreters (%s=0: each as python file.py): %s; their imports took "
                     "%.1f s of processor time", PRELOAD_VARIABLE, ", ".join(f"{name} {count}" for name, count in
                                                                          sorted(self.interpreters.used.items())),
                     self.interpreters.own_cpu_seconds())
        if self.timings:
            total = sum(seconds for seconds, _, _ in self.timings)
            log.info("executed %d blocks in %.1f s; slowest:", len(self.timings), total)
            for seconds, page, block in sorted(self.timings, reverse=True)[:SLOWEST_SHOWN]:
                log.info("  %6.1f s  %s  %s", seconds, page, block)
