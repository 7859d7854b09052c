"""MkDocs hooks: every executed block runs its file as a reader would (rosetta.site.blocks).

The blocks of every page (and every notebook run) are planned once the files are known, and run
on all cores before the pages need them; a page shows its blocks' output. A missing include stops
the build naming the page and the path; so does a bad ROSETTA_JOBS or ROSETTA_PRELOAD, naming the variable. With
ROSETTA_CACHE set (make serve), results come from the author cache; with ROSETTA_SERVE too, the
build runs nothing itself: what the cache lacks shows a placeholder, a background build fills the
cache, and the served site rebuilds as it does (rosetta.execution.filler).
"""

import os
from pathlib import Path

from mkdocs.exceptions import PluginError

from rosetta.execution.alone import NeighboursError, neighbours_from_environment
from rosetta.execution.cache import BlockCache
from rosetta.execution.filler import Filler
from rosetta.execution.preloading import PreloadError, enabled_from_environment as preload_from_environment
from rosetta.execution.scheduler import JobsError, workers_from_environment
from rosetta.paths import Project
from rosetta.site import adapters
from rosetta.site.blocks import CONFIG_KEY as RUNNER, BlockRunner, log
from rosetta.site.plan import INCLUDE

_runner: BlockRunner | None = None  # this build's runner, for on_build_error (which is given no config)
_filler: Filler | None = None  # make serve's background build: it outlives one build of the served site


def on_config(config):
    global _runner, _filler
    try:
        workers, preload = workers_from_environment(), preload_from_environment()
        neighbours_from_environment()  # read again by the scheduler's desk: a bad value stops the build here
    except (JobsError, PreloadError, NeighboursError) as error:
        raise PluginError(str(error)) from None
    cache_dir = os.environ.get("ROSETTA_CACHE")
    cache = BlockCache(Path(cache_dir).resolve()) if cache_dir else None
    timeout = float(os.environ.get("ROSETTA_BLOCK_TIMEOUT", "900"))
    pending = bool(cache and os.environ.get("ROSETTA_SERVE"))
    project = Project(Path(config.config_file_path).resolve().parent)
    _runner = config[RUNNER] = BlockRunner(project, cache, timeout, workers, pending=pending, preload=preload)
    if pending and _filler is None:
        _filler = Filler(project.root, cache.directory)
    adapters.use_python_formatter(_runner.format)
    log.info("executed blocks: %s, %d parallel job%s", "from the cache, the rest in the background" if pending
             else f"cached in {cache_dir}" if cache else "all run fresh (no cache)", workers, "s" if workers > 1 else "")
    return config


def on_files(files, config):
    config[RUNNER].plan(files, config.nav)  # every block starts running now, in reading order; pages wait for their own
    if _filler is not None and config[RUNNER].pending and config[RUNNER].has_pending():
        started = _filler.ensure_running()
        log.info("blocks not run yet: %s", "a background build runs them now" if started else "the background build is running them")
    return files


def on_serve(server, config, builder):
    if _filler is not None:
        _filler.signal_folder.mkdir(parents=True, exist_ok=True)
        server.watch(str(_filler.signal_folder))  # the background build touches it as its blocks finish
    return server


def on_shutdown():
    if _filler is not None:
        _filler.stop()
    if _runner is not None:
        _runner.close()  # a build interrupted (Ctrl-C) stops the blocks it runs


def on_page_markdown(markdown, page, config, **kwargs):
    config[RUNNER].start_page(page)
    # pymdownx.snippets would stop the build with a traceback; name the page and the path instead.
    for included in INCLUDE.findall(markdown):
        if not (config[RUNNER].project.root / included).is_file():
            raise PluginError(f"docs/{page.file.src_uri}: included file {included} does not exist")
    return markdown


def on_post_build(config):
    config[RUNNER].log_summary()
    config[RUNNER].close()


def on_build_error(error):
    if _runner is not None:
        _runner.close()  # nothing a failed build started outlives it
