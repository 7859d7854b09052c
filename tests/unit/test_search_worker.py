"""The theme's search worker, mended so that lunr's token set cannot merge two words (rosetta.site.search_worker)."""

import json
import shutil
import subprocess
from importlib import resources
from pathlib import Path

import pytest

from rosetta.site.search_worker import MARKER, WORKERS, mend_search_worker, search_worker
from rosetta.site.theme_assets import ThemeAssetError

# Two token-set nodes whose keys lunr 2.3.9 runs together alike: label "1" to node 2 then "3" to node 45,
# and label "1" to node 2345, are both "0" + "12345". The script prints both keys.
KEYS = """
const vm = require("vm"), fs = require("fs");
const context = {addEventListener() {}, postMessage() {}, console, location: {href: "http://localhost/"}};
context.self = context;
vm.createContext(context);
vm.runInContext(fs.readFileSync(process.argv[2], "utf8"), context);
const TokenSet = context.lunr.TokenSet;
function node(id, edges) { const made = new TokenSet(); made.id = id; made.edges = edges; return made; }
const first = node(0, {"1": node(2, {}), "3": node(45, {})}), second = node(1, {"1": node(2345, {})});
console.log(JSON.stringify([first.toString(), second.toString()]));
"""


@pytest.fixture
def built_site(tmp_path) -> Path:
    """A site folder holding the installed theme's search worker, as a build leaves it."""
    workers = resources.files("material") / "templates" / WORKERS.as_posix()
    (tmp_path / WORKERS).mkdir(parents=True)
    for worker in workers.iterdir():
        if worker.name.startswith("search.") and worker.name.endswith(".min.js"):
            shutil.copyfile(worker, tmp_path / WORKERS / worker.name)
    return tmp_path


def token_set_keys(worker: Path, tmp_path: Path) -> list[str]:
    script = tmp_path / "keys.js"
    script.write_text(KEYS)
    run = subprocess.run(["node", str(script), str(worker)], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def test_the_theme_s_own_worker_gives_two_different_nodes_the_same_key(built_site, tmp_path):
    first, second = token_set_keys(search_worker(built_site), tmp_path)
    assert first == second == "012345"  # the collision the fix exists for: still in the pinned theme


def test_the_mended_worker_keeps_them_apart_and_is_mended_once(built_site, tmp_path):
    worker = mend_search_worker(built_site)
    mend_search_worker(built_site)  # a rebuild under make serve runs the hook again
    assert worker.read_text(encoding="utf-8").count(MARKER) == 1
    first, second = token_set_keys(worker, tmp_path)
    assert first != second


def test_a_site_without_one_search_worker_is_named_in_one_line(tmp_path):
    with pytest.raises(ThemeAssetError, match=r"^expected one search worker \(search\.\*\.min\.js\) in .*workers, found 0$"):
        mend_search_worker(tmp_path)
