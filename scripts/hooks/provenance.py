"""MkDocs hook: what every page states about its build, for the theme's templates to show.

config.extra["rosetta_build"] holds the date, the machine and versions (the footer) and the
repository and commit that the "files this page ran" links point at (main.html). The commit is
the one built; the repository is extra.source_repository (ROSETTA_REPO_URL in the workflows).

Each page also states how fresh it is (page.meta["rosetta_verified"], shown by main.html): the
newest and oldest dates on which a source it quotes was read (every quoted citation says
"checked <date>", in a fact table's footnotes or in prose), beside the build date of everything
it ran. Citations older than six months are listed in the build log, without failing the build.
"""

import logging
import tomllib
from datetime import datetime, timezone
from pathlib import Path

from rosetta import environment, paths
from rosetta.rendering import facts

log = logging.getLogger("mkdocs.plugins.rosetta.provenance")


def on_config(config):
    revision = environment.git_revision(Path(config.config_file_path).resolve().parent)
    now = datetime.now(timezone.utc)
    config.extra["rosetta_build"] = {
        "date": now.strftime("%Y-%m-%d"),
        "date_text": now.strftime("%-d %B %Y"),
        "machine": environment.summary(),
        "repository": config.extra["source_repository"].rstrip("/"),
        "commit": revision["commit"] or "HEAD",
        "dirty": revision["dirty"],
    }
    project = paths.current()
    for table in sorted(project.facts.glob("*.toml")):
        try:
            stale = facts.stale_citations(table.stem, project)
        except (tomllib.TOMLDecodeError, KeyError, TypeError):
            continue  # a malformed table stops its own generator, in one line naming the file
        for line in stale:
            log.info("warning: a citation checked more than six months ago, read it again: %s", line)
    return config


def verified(html: str) -> dict | None:
    """The newest and oldest "checked <date>" of a rendered page, and how many there are; None without any."""
    dates = facts.dates_checked(html)
    if not dates:
        return None
    return {"newest": f"{dates[-1]:%-d %B %Y}", "oldest": f"{dates[0]:%-d %B %Y}", "count": len(dates)}


def on_page_content(html, page, config, files):
    page.meta["rosetta_verified"] = verified(html)
    return html
