"""MkDocs hooks: numbers one page measures and another reads (rosetta.measurements).

The handover folder lives beside the author cache when there is one, else for one build. Pages
whose generators read measurements are rendered after all the others, and a measurement a
generator publishes is written beside its page.
"""

import os
import shutil
import tempfile
from pathlib import Path

from mkdocs.exceptions import PluginError

from rosetta import measurements
from rosetta.paths import Project
from rosetta.site import generators
from rosetta.site.blocks import RAN

_build = {"temporary": None}  # this build's handover folder, when it lives for one build only


def on_config(config):
    cache_dir = os.environ.get("ROSETTA_CACHE")
    handover = Path(cache_dir).resolve() / "measurements" if cache_dir else Path(tempfile.mkdtemp(prefix="rosetta-measurements-"))
    _build["temporary"] = None if cache_dir else handover
    os.environ[measurements.FOLDER_VARIABLE] = str(handover)  # inherited by every block's run
    return config


def on_files(files, config):
    project = Project(Path(config.config_file_path).resolve().parent)
    for page in list(files.documentation_pages()):
        if not page.src_uri.endswith(".md"):
            continue
        included = generators.included_generators(Path(page.abs_src_path).read_text(encoding="utf-8"), project)
        try:
            reads_measurements = any(generators.declaration(path).measurements for path in included)
        except generators.DeclarationError as error:
            raise PluginError(f"docs/{page.src_uri}: {error}") from None
        if reads_measurements:
            files.remove(page)
            files.append(page)  # pages are rendered in this order, so this one comes after the others
    return files


def on_page_content(html_content, page, config, files, **kwargs):
    project = Project(Path(config.config_file_path).resolve().parent)
    for name in dict.fromkeys(page.meta.get(RAN, [])):
        path = project.root / name
        if not project.is_generator(path):
            continue
        for measurement, published in generators.declaration(path).publishes.items():
            saved = measurements.folder() / f"{measurement}.json"
            if saved.is_file():
                target = Path(page.file.abs_dest_path).parent / published
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(saved, target)
    return html_content


def on_post_build(config):
    _forget_temporary_folder()


def on_build_error(error):
    _forget_temporary_folder()


def _forget_temporary_folder():
    if _build["temporary"]:  # without a cache, the measurements live for one build only
        shutil.rmtree(_build["temporary"], ignore_errors=True)
        os.environ.pop(measurements.FOLDER_VARIABLE, None)
        _build["temporary"] = None
