"""Where the project's files are, for the engine, the hooks, the generators and the tools.

Content (pages, snippets, generators, facts) belongs to the project being built: this repository,
or the small projects the build tests make. The build tells the blocks it runs which one through
ROSETTA_PROJECT. Code (this package and the workers) always comes from this repository.
"""

import os
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
WORKERS = REPO / "scripts" / "workers"
PACKAGE = Path(__file__).resolve().parent
PROJECT_VARIABLE = "ROSETTA_PROJECT"


@dataclass(frozen=True)
class Project:
    root: Path

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    @property
    def snippets(self) -> Path:
        return self.root / "snippets"

    @property
    def generators(self) -> Path:
        return self.root / "scripts" / "generators"

    @property
    def facts(self) -> Path:
        return self.root / "scripts" / "facts"

    @property
    def notebooks(self) -> Path:
        return self.docs / "notebooks"

    def executable_files(self) -> list[Path]:
        """Every file a page may execute: the snippets, and the page generators."""
        return sorted(self.snippets.rglob("*.py")) + sorted(self.generators.glob("gen_*.py"))

    def is_generator(self, path: Path) -> bool:
        return path.parent == self.generators

    def is_distributed(self, path: Path) -> bool:
        """A snippet whose processes keep time with each other (snippets/distributed/): never stopped mid-run."""
        return path.parent == self.snippets / "distributed"

    def is_timed(self, path: Path) -> bool:
        """A snippet that prints a timing (snippets/timing/): the build runs it with nothing beside it."""
        return path.parent == self.snippets / "timing"

    def relative(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()


def current() -> Project:
    """The project being built (ROSETTA_PROJECT, set by the build for its generators), else this repository."""
    return Project(Path(os.environ.get(PROJECT_VARIABLE) or REPO).resolve())
