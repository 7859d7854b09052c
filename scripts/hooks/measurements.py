"""MkDocs hooks: numbers one page measures and another reads (rosetta.measurements).

The handover folder lives beside the author cache when there is one, else for one build. Pages
whose generators read measurements are rendered after all the others, and a measurement a
generator publishes is written beside its page.
"""

import os
import shutil
import tempfile
from pathlib import Path

from rosetta import measurements
from rosetta.site import generators
from rosetta.site.blocks import CONFIG_KEY as RUNNER, RAN

_build = {"temporary": None}  # this build's handover folder, when it lives for one build only


def on_config(config):
    cache_dir = os.environ.get("ROSETTA_CACHE")
    handover = Path(cache_dir).resolve() / "measurements" if cache_dir else Path(tempfile.mkdtemp(prefix="rosetta-measurements-"))
    _build["temporary"] = None if cache_dir else handover
    os.environ[measurements.FOLDER_VARIABLE] = str(handover)  # inherited by every block's run
    return config


def on_files(files, config):
    runner = config[RUNNER]  # the blocks hook, listed first, has read what every page runs
    for page in list(files.documentation_pages()):
        if runner.reads_measurements(page.src_uri):
            files.remove(page)
            files.append(page)  # pages are rendered in this order, so this one comes after the others
    return files


def on_page_content(html_content, page, config, files, **kwargs):
    project = config[RUNNER].project
    for name in dict.fromkeys(page.meta.get(RAN, [])):
        path = project.root / name
        if not project.is_generator(path):
            continue
        for measurement, published in generators.declaration(path).publishes.items():
            saved = measurements.saved_path(measurement)
            if saved and saved.is_file():
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
