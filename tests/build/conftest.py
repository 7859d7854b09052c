"""The build tier: small projects, made in a temporary folder for one test, built strictly.

A project has the repository's configuration (inherited), hooks and generators; a test adds a
page and the snippets it includes.
"""

import shutil
import textwrap
from pathlib import Path

import pytest
from mkdocs.utils.yaml import yaml_load

from rosetta.paths import REPO
from support import mkdocs_build


class MiniProject:
    def __init__(self, root: Path):
        self.root = root
        shutil.copytree(REPO / "scripts" / "generators", root / "scripts" / "generators", ignore=shutil.ignore_patterns("__pycache__"))
        shutil.copytree(REPO / "scripts" / "facts", root / "scripts" / "facts")
        (root / "docs").mkdir()
        (root / "snippets").mkdir()
        with open(REPO / "mkdocs.yml", encoding="utf-8") as config:
            self.hooks = [str(REPO / hook) for hook in yaml_load(config)["hooks"]]  # the engine's own hooks
        self.write_config(nav=["index.md"])

    def write_config(self, nav: list[str], notebooks: bool = False) -> None:
        plugins = "[search, markdown-exec, {mkdocs-jupyter: {include: ['notebooks/*.py'], execute: false}}]" if notebooks \
            else "[search, markdown-exec]"
        (self.root / "mkdocs.yml").write_text(
            f"INHERIT: {REPO / 'mkdocs.yml'}\n"
            "docs_dir: docs\n"
            f"nav: [{', '.join(nav)}]\n"
            f"theme: {{custom_dir: {REPO / 'docs' / 'overrides'}}}\n"
            f"hooks: [{', '.join(self.hooks)}]\n"
            f"plugins: {plugins}\n"
        )

    def add_snippet(self, name: str, code: str) -> None:
        path = self.root / "snippets" / "demo" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(code))

    def add_generator(self, name: str, code: str) -> None:
        (self.root / "scripts" / "generators" / name).write_text(textwrap.dedent(code))

    def add_page(self, *includes: str, name: str = "index.md") -> None:
        blocks = "".join(f'```python exec="1" source="above" result="text"\n--8<-- "{path}"\n```\n\n' for path in includes)
        (self.root / "docs" / name).write_text(f"# Demo\n\n{blocks}")

    def build(self, site: str = "site", cache: Path | None = None, **variables: str):
        return mkdocs_build(self.root, self.root / site, cache_dir=cache, **variables)


@pytest.fixture
def project(tmp_path):
    return MiniProject(tmp_path / "project")
