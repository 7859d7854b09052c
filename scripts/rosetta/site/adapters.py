"""Every coupling of the build to a third-party internal, in one place, with the versions it was written for.

When a locked version moves past WRITTEN_FOR, a unit test fails: read this file against the new
release, then update WRITTEN_FOR. A move to another site generator starts here and in
scripts/hooks/ (the handbook: keep MkDocs-specific code in one thin adaptor).
"""

import re
from importlib.metadata import version

import markdown_exec
import mkdocs_jupyter.nbconvert2
from markupsafe import Markup

# distribution -> the release series this file was written against
WRITTEN_FOR = {"markdown-exec": "1.12", "mkdocs-jupyter": "0.26", "nbconvert": "7", "mkdocs-material": "9", "mkdocs": "1.6"}


def outdated() -> list[str]:
    """The distributions whose installed version is not of the series this file was written for."""
    return [f"{name} {version(name)} (written for {series})" for name, series in WRITTEN_FOR.items()
            if not (version(name) + ".").startswith(series + ".")]


# ---- markdown-exec: the formatter of Python fences -------------------------------------------

def use_python_formatter(formatter) -> None:
    """Route every `python exec="1"` fence to `formatter(code, md, **options)` (a module-level registry)."""
    markdown_exec.formatters["python"] = markdown_exec.formatters["py"] = formatter


def render_block(code: str, md, run, options: dict, wrap) -> Markup:
    """markdown-exec's rendering of a block whose output `run(code, **options)` returns, wrapped by `wrap(html)`.

    markdown-exec finds the headings a block printed by the exact HTML it returned: they are
    re-keyed to the wrapped HTML so that they still reach the table of contents.
    """
    rendered = markdown_exec.base_format(language="python", run=run, code=code, md=md, **options)
    wrapped = wrap(rendered)
    if markdown_exec.InsertHeadings.name in md.treeprocessors:  # registered once a block printed Markdown
        headings = md.treeprocessors[markdown_exec.InsertHeadings.name].headings
        if rendered in headings:
            headings[wrapped] = headings.pop(rendered)
    return wrapped


def execution_error(details: str) -> Exception:
    """The exception markdown-exec turns into a failed block (a warning, so a strict build fails)."""
    return markdown_exec.ExecutionError(markdown_exec.code_block("text", details))


# ---- mkdocs-jupyter and nbconvert: notebook pages ---------------------------------------------

def use_notebook_exporter(exporter_class) -> None:
    """mkdocs-jupyter builds its HTMLExporter from this module attribute when it converts a notebook."""
    mkdocs_jupyter.nbconvert2.HTMLExporter = exporter_class


_UNUSED_LOADERS = re.compile(
    r'<script src="">\s*</script>'  # MathJax, with no URL configured
    r'|<script type="module">(?:(?!</script>).)*?cdnjs\.cloudflare\.com/ajax/libs/mermaid(?:(?!</script>).)*</script>',
    re.DOTALL,
)


def without_unused_loaders(page_html: str) -> str:
    """nbconvert's template adds an empty MathJax <script src=""> (a request for the page itself) and a
    loader that imports mermaid from a CDN; the notebooks use neither."""
    return _UNUSED_LOADERS.sub("", page_html)


def focusable_code(page_html: str) -> str:
    """nbconvert's code cells scroll sideways: each gets tabindex="0" to be reachable by keyboard."""
    return re.sub(r'<div class="highlight-ipynb', '<div tabindex="0" class="highlight-ipynb', page_html)
