"""MkDocs hooks: every executed block runs its file as a reader would (rosetta.site.blocks).

A block's file is a snippet or a page generator; a missing include stops the build naming the
page and the path. With ROSETTA_CACHE set (make serve), results come from the author cache.
"""

import os
import re
from pathlib import Path

from mkdocs.exceptions import PluginError

from rosetta.execution.cache import BlockCache
from rosetta.paths import Project
from rosetta.site import adapters
from rosetta.site.blocks import BlockRunner, log

_INCLUDE = re.compile(r"""^\s*--8<--\s+["']([^"']+)["']""", re.MULTILINE)
_runner: BlockRunner | None = None  # made anew by on_config for every build (make serve rebuilds in one process)


def on_config(config):
    global _runner
    cache_dir = os.environ.get("ROSETTA_CACHE")
    cache = BlockCache(Path(cache_dir).resolve()) if cache_dir else None
    timeout = float(os.environ.get("ROSETTA_BLOCK_TIMEOUT", "900"))
    _runner = BlockRunner(Project(Path(config.config_file_path).resolve().parent), cache, timeout)
    adapters.use_python_formatter(_runner.format)
    log.info("executed blocks: %s", f"cached in {cache_dir}" if cache else "all run fresh (no cache)")
    return config


def on_page_markdown(markdown, page, config, **kwargs):
    _runner.start_page(page)
    # pymdownx.snippets would stop the build with a traceback; name the page and the path instead.
    for included in _INCLUDE.findall(markdown):
        if not (_runner.project.root / included).is_file():
            raise PluginError(f"docs/{page.file.src_uri}: included file {included} does not exist")
    return markdown


def on_post_build(config):
    _runner.log_summary()
