"""MkDocs hook: what every page states about its build, for the theme's templates to show.

config.extra["rosetta_build"] holds the date, the machine and versions (the footer) and the
repository and commit that the "files this page ran" links point at (main.html). The commit is
the one built; the repository is extra.source_repository (ROSETTA_REPO_URL in the workflows).
"""

from datetime import datetime, timezone
from pathlib import Path

from rosetta import environment


def on_config(config):
    revision = environment.git_revision(Path(config.config_file_path).resolve().parent)
    config.extra["rosetta_build"] = {
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%d"),
        "machine": environment.summary(),
        "repository": config.extra["source_repository"].rstrip("/"),
        "commit": revision["commit"] or "HEAD",
        "dirty": revision["dirty"],
    }
    return config
