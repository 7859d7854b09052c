"""Install requirements.lock into a virtual environment with uv, where pip would look.

    python scripts/install_lock.py VENV

The Makefile runs it with the venv's own Python after putting the lock's uv in it. uv installs the
same pins as `pip install --no-deps -r requirements.lock`, several times faster (on this project's
two-core machine: 41 s against 86 s, from empty caches), but it reads none of pip's settings. The
places pip was configured to look (its find-links, index and extra indexes, from its configuration
files or PIP_* variables, as `pip config list` shows them: the CPU build of torch lives there) are
handed to uv; with exact pins, uv may take each from whichever place holds it, as pip does.
Standard library only: it runs before the environment has anything else.
"""

import shlex
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
LOCK = REPO / "requirements.lock"
# pip's setting -> uv's option; a setting may hold several values, separated by spaces.
LOCATIONS = {"find-links": "--find-links", "index-url": "--index-url", "extra-index-url": "--extra-index-url"}


def pip_locations(configuration: str) -> list[str]:
    """uv's options for the places in `pip config list`'s output (lines like global.find-links='/opt/wheels')."""
    places: dict[tuple[str, str], None] = {}  # in order, each once (a variable and a file may name the same)
    for line in configuration.splitlines():
        key, _, value = line.partition("=")
        setting = key.rpartition(".")[2]
        if setting in LOCATIONS and value:
            places |= {(LOCATIONS[setting], place): None for place in shlex.split(value)[0].split()}
    return [part for option in places for part in option]


def main(venv: Path) -> int:
    python, uv = venv / "bin" / "python", venv / "bin" / "uv"
    if not uv.is_file():
        sys.exit(f"install_lock.py: {uv} is missing; install the lock's uv in the venv first")
    configuration = subprocess.run([python, "-m", "pip", "config", "list"], capture_output=True, text=True, check=True).stdout
    command = [str(uv), "pip", "install", "--quiet", "--no-deps", "--compile-bytecode", "--index-strategy", "unsafe-best-match",
               *pip_locations(configuration), "--python", str(python), "-r", str(LOCK)]
    return subprocess.run(command).returncode


if __name__ == "__main__":
    if len(sys.argv) != 2 or not (Path(sys.argv[1]) / "bin" / "python").is_file():
        sys.exit("install_lock.py: give the virtual environment to install into (a folder with bin/python)")
    sys.exit(main(Path(sys.argv[1])))
