"""MkDocs hooks that keep the site's promise: every code block on a page ran, as shown.

- Every executed Python fence (markdown-exec) runs its file in a fresh interpreter, as a reader
  would run it, instead of markdown-exec's default `exec` inside the MkDocs process: frameworks
  cannot leak state into each other and the page shows the file's whole stdout.
- A block must be exactly one file from snippets/ or a gen_*.py generator in scripts/; the
  rendered block is marked with the file it ran, so the tests can check every code block.
- With ROSETTA_CACHE set (make serve), results are reused from a content-addressed cache.
- Each run is logged (page, block id, seconds), and the slowest are listed at the end.
- Notebook pages (docs/notebooks/*.py, executed by mkdocs-jupyter) draw their plotly figures
  with the site's charts and offer an .ipynb download (scripts/notebook_pages.py).
- Numbers one page measures and another reads go through a measurements folder
  (scripts/measurements.py); the pages that read them are rendered last.
- plotly.js is copied from the installed plotly package into the site's own assets, and every
  page's footer states the CPU and versions it was built with.
"""

import html
import re
import logging
import os
import shutil
import subprocess
import tempfile
import time
from datetime import datetime, timezone
from functools import partial
from importlib import resources
from pathlib import Path

import markdown_exec
from markupsafe import Markup
from mkdocs.exceptions import PluginError

import build_environment
import measurements
import mkdocs_jupyter.nbconvert2
import notebook_pages
from snippet_runner import REPO, BlockCache, LeftoverProcesses, executable_files, run_as_reader

log = logging.getLogger("mkdocs.hooks.rosetta")

BLOCK_TIMEOUT = float(os.environ.get("ROSETTA_BLOCK_TIMEOUT", "900"))
SLOWEST_SHOWN = 5

_files_by_code: dict[str, Path] = {}
_timings: list[tuple[float, str, str]] = []
_current = {"page": "?", "blocks": 0}
_sources: dict[str, list[str]] = {}  # page -> the files its blocks ran, in order
_revision = {"repository": "", "commit": "", "dirty": False}
_cache: BlockCache | None = None
# Pages whose generators read what other pages' generators measured: rendered after all others.
READS_MEASUREMENTS = ("which-framework.md",)
# Measurements readers can download, and where in the site they are published.
PUBLISHED_MEASUREMENTS = {"benchmarks": "benchmarks/dl-rosetta-benchmarks.json"}
# Generators print Markdown links to pages ("deployment.md#..."), which markdown-exec renders
# without MkDocs' link rewriting: the hook rewrites them (only relative links, only to .md files).
_GENERATED_PAGE_LINK = re.compile(r'(<a[^>]*?\shref=)"(?![a-z]+:|/|#)([^"#]+\.md)(#[^"]*)?"')
_SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
_INCLUDE = re.compile(r"""^\s*--8<--\s+["']([^"']+)["']""", re.MULTILINE)


def on_config(config):
    global _cache
    cache_dir = os.environ.get("ROSETTA_CACHE")
    _cache = BlockCache(Path(cache_dir).resolve()) if cache_dir else None
    handover = Path(cache_dir).resolve() / "measurements" if cache_dir else Path(tempfile.mkdtemp(prefix="rosetta-measurements-"))
    os.environ[measurements.FOLDER_VARIABLE] = str(handover)  # inherited by every block's run
    log.info("executed blocks: %s", f"cached in {cache_dir}" if _cache else "all run fresh (no cache)")
    _timings.clear()
    _files_by_code.clear()
    for path in executable_files():
        _files_by_code[_normalise(path.read_text(encoding="utf-8"))] = path
    markdown_exec.formatters["python"] = markdown_exec.formatters["py"] = _format_block
    mkdocs_jupyter.nbconvert2.HTMLExporter = notebook_pages.SiteHTMLExporter  # site charts in notebooks
    _revision.update(build_environment.git_revision(REPO), repository=config.extra["source_repository"].rstrip("/"))
    built = datetime.now(timezone.utc).strftime("%Y-%m-%d")
    config.copyright = f"DL Rosetta, built {built} {build_environment.summary()}."
    return config


def on_files(files, config):
    for name in READS_MEASUREMENTS:
        reader = files.get_file_from_path(name)
        if reader:
            files.remove(reader)
            files.append(reader)  # pages are rendered in this order, so this one comes last
    return files


def on_page_markdown(markdown, page, config, **kwargs):
    _current.update(page=f"docs/{page.file.src_uri}", blocks=0)
    _sources[_current["page"]] = []
    # pymdownx.snippets would stop the build with a traceback; name the page and the path instead.
    root = Path(config.config_file_path).parent
    for included in _INCLUDE.findall(markdown):
        if not (root / included).is_file():
            raise PluginError(f"{_current['page']}: included file {included} does not exist")
    return markdown


def on_page_content(html_content, page, config, files, **kwargs):
    html_content = _GENERATED_PAGE_LINK.sub(partial(_page_url, page=page, files=files), html_content)
    ran = list(dict.fromkeys(_sources.get(f"docs/{page.file.src_uri}", [])))
    if notebook_pages.is_notebook(page.file.src_uri):
        ran.append(f"docs/{page.file.src_uri}")
    html_content += _provenance(ran)
    if not notebook_pages.is_notebook(page.file.src_uri):
        return html_content
    source = Path(page.file.abs_src_path)
    download = source.with_suffix(".ipynb").name
    notebook_pages.write_ipynb(source, Path(page.file.abs_dest_path).parent / download)
    return notebook_pages.download_link(download) + notebook_pages.focusable_code(notebook_pages.without_unused_loaders(html_content))


def on_post_page(output, page, config):
    # The theme's search dialog has no accessible name (axe-core: aria-dialog-name); give it one.
    return output.replace(_SEARCH_DIALOG, _SEARCH_DIALOG[:-1] + ' aria-label="Search this site">', 1)


def on_post_build(config):
    handover = Path(os.environ[measurements.FOLDER_VARIABLE])
    for name, target in PUBLISHED_MEASUREMENTS.items():
        if (handover / f"{name}.json").is_file():  # a site built without that page has none
            shutil.copyfile(handover / f"{name}.json", Path(config.site_dir) / target)
    if not _cache:  # without a cache, the measurements live for one build only
        shutil.rmtree(os.environ.pop(measurements.FOLDER_VARIABLE), ignore_errors=True)
    plotly_js = resources.files("plotly") / "package_data" / "plotly.min.js"
    target = Path(config.site_dir) / "javascripts" / "plotly.min.js"
    target.parent.mkdir(parents=True, exist_ok=True)
    with resources.as_file(plotly_js) as source:
        shutil.copyfile(source, target)
    if _timings:
        slowest = sorted(_timings, reverse=True)[:SLOWEST_SHOWN]
        total = sum(seconds for seconds, _, _ in _timings)
        log.info("executed %d blocks in %.1f s; slowest:", len(_timings), total)
        for seconds, page, block in slowest:
            log.info("  %6.1f s  %s  %s", seconds, page, block)


def _provenance(ran: list[str]) -> str:
    """Where this page's numbers come from: the files its build ran, at the exact commit."""
    if not ran:
        return ""
    commit = _revision["commit"] or "HEAD"
    links = "".join(
        f'<li><a href="{html.escape(_revision["repository"])}/blob/{commit}/{html.escape(name)}"><code>{html.escape(name)}</code></a></li>'
        for name in ran
    )
    state = " plus uncommitted changes" if _revision["dirty"] else ""
    return (f'<details class="rosetta-provenance"><summary>The files this page ran, at commit '
            f'<code>{commit[:12]}</code>{state}</summary><ul>{links}</ul></details>')


def _page_url(match, page, files):
    """A link to a page's .md file, as a generator printed it, turned into the page's URL."""
    path, fragment = match.group(2), match.group(3) or ""
    target = files.get_file_from_path(os.path.normpath(os.path.join(os.path.dirname(page.file.src_uri), path)))
    if target is None:
        raise PluginError(f"docs/{page.file.src_uri}: a block printed a link to {path}, which is not a page")
    return f'{match.group(1)}"{target.url_relative_to(page.file)}{fragment}"'


def _normalise(code: str) -> str:
    return code.strip("\n")


def _format_block(code, md, **options):
    """markdown-exec's formatter for Python fences, running the block's file as a reader would."""
    _current["blocks"] += 1
    page = _current["page"]
    block_id = options.get("id") or f"{Path(page).stem}-{_current['blocks']}"
    path = _files_by_code.get(_normalise(code))
    run = partial(_run_block, path=path, page=page, block_id=block_id, options=options)
    rendered = markdown_exec.base_format(language="python", run=run, code=code, md=md, **options)
    source = path.relative_to(REPO).as_posix() if path else ""
    wrapped = Markup(f'<div class="rosetta-exec" data-source="{html.escape(source)}">') + rendered + Markup("</div>")
    # markdown-exec finds the headings a block printed by the exact HTML it returned: re-key them,
    # so that they still reach the table of contents.
    if markdown_exec.InsertHeadings.name in md.treeprocessors:  # registered once a block printed Markdown
        headings = md.treeprocessors[markdown_exec.InsertHeadings.name].headings
        if rendered in headings:
            headings[wrapped] = headings.pop(rendered)
    return wrapped


def _run_block(code, *, path, page, block_id, options, **ignored):
    if path is None:
        _fail(page, block_id, "its code is not exactly one file of snippets/ or scripts/gen_*.py (include it with --8<--)")
    name = path.relative_to(REPO).as_posix()
    _sources.setdefault(page, []).append(name)
    if page.removeprefix("docs/") in READS_MEASUREMENTS:  # its output also depends on what other pages measured
        options = options | {"measurements": measurements.digest()}
    key = _cache.key(path, code, options) if _cache else None
    cached = _cache.get(key) if _cache else None
    if cached is not None:
        log.info("exec %s  %s  %s  (cached)", page, block_id, name)
        return cached
    started = time.perf_counter()
    try:
        process = run_as_reader(path, timeout=BLOCK_TIMEOUT)
    except subprocess.TimeoutExpired:
        _fail(page, block_id, f"{name} did not finish within {BLOCK_TIMEOUT:.0f} s (ROSETTA_BLOCK_TIMEOUT)")
    except LeftoverProcesses as leftover:
        _fail(page, block_id, str(leftover))
    seconds = time.perf_counter() - started
    _timings.append((seconds, page, f"{block_id} ({name})"))
    if process.returncode != 0:
        last_line = (process.stderr.strip().splitlines() or ["(no error output)"])[-1]
        _fail(page, block_id, f"{name} exited with status {process.returncode}: {last_line}", process.stderr)
    log.info("exec %s  %s  %s  %.1f s", page, block_id, name, seconds)
    if _cache:
        _cache.put(key, process.stdout)
    return process.stdout


def _fail(page, block_id, reason, details=""):
    log.warning("%s: block %s failed: %s", page, block_id, reason)
    raise markdown_exec.ExecutionError(markdown_exec.code_block("text", details or reason))
