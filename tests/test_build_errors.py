"""Bad input fails the build with a message that names the culprit, and the cache serves authors.

Each test builds a one-page project made in a temporary directory (the `project` fixture of
conftest.py), with a page and a snippet written for the test.
"""

import textwrap

import pytest

from conftest import REPO, mkdocs_build


def add_snippet(project, name: str, code: str) -> None:
    path = project / "snippets" / "demo" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(code))


def add_page(project, *includes: str) -> None:
    blocks = "".join(f'```python exec="1" source="above" result="text"\n--8<-- "{path}"\n```\n\n' for path in includes)
    (project / "docs" / "index.md").write_text(f"# Demo\n\n{blocks}")


def test_a_snippet_that_raises_fails_the_build_naming_page_and_file(project, tmp_path):
    add_snippet(project, "broken_pytorch.py", "raise ValueError('the model has no weights')\n")
    add_page(project, "snippets/demo/broken_pytorch.py")
    build = mkdocs_build(project, tmp_path / "site")
    assert build.returncode != 0
    failure = next(line for line in build.stderr.splitlines() if "failed:" in line)
    assert "docs/index.md" in failure and "snippets/demo/broken_pytorch.py" in failure
    assert "ValueError: the model has no weights" in failure


def test_a_missing_include_fails_the_build_naming_the_path(project, tmp_path):
    add_page(project, "snippets/demo/nowhere_pytorch.py")
    build = mkdocs_build(project, tmp_path / "site")
    assert build.returncode != 0
    assert "docs/index.md: included file snippets/demo/nowhere_pytorch.py does not exist" in build.stderr
    assert "Traceback" not in build.stderr
    assert not (tmp_path / "site" / "index.html").exists(), "nothing half-written"


def test_code_that_is_not_a_snippet_file_fails_the_build(project, tmp_path):
    (project / "docs" / "index.md").write_text('# Demo\n\n```python exec="1"\nprint("typed into the page")\n```\n')
    build = mkdocs_build(project, tmp_path / "site")
    assert build.returncode != 0
    assert "docs/index.md: block index-1 failed: its code is not exactly one file of snippets/" in build.stderr


def test_the_author_cache_reuses_results_until_the_code_changes(project, tmp_path):
    add_snippet(project, "counter_pytorch.py", "import random\nprint('a fresh run draws', random.random())\n")
    add_page(project, "snippets/demo/counter_pytorch.py")
    cache = tmp_path / "cache"
    first = mkdocs_build(project, tmp_path / "site1", cache_dir=cache)
    (project / "docs" / "index.md").write_text((project / "docs" / "index.md").read_text() + "\nA prose edit.\n")
    second = mkdocs_build(project, tmp_path / "site2", cache_dir=cache)
    assert first.returncode == second.returncode == 0, second.stderr
    assert "(cached)" not in first.stderr and "counter_pytorch.py  (cached)" in second.stderr
    shown = [(tmp_path / site / "index.html").read_text() for site in ("site1", "site2")]
    drawn = [page.split("a fresh run draws", 2)[2].split("<")[0] for page in shown]  # code, then output
    assert drawn[0] == drawn[1], "a cached block shows the output of the run it cached"

    add_snippet(project, "counter_pytorch.py", "import random\nprint('a fresh run draws', random.random(), 'now')\n")
    third = mkdocs_build(project, tmp_path / "site3", cache_dir=cache)
    assert third.returncode == 0 and "(cached)" not in third.stderr, "a changed file must run again"


def test_a_page_whose_only_block_prints_html_builds(project, tmp_path):
    (project / "docs" / "index.md").write_text('# Demo\n\n```python exec="1" html="1"\n--8<-- "scripts/gen_environment.py"\n```\n')
    build = mkdocs_build(project, tmp_path / "site")
    assert build.returncode == 0, build.stderr[-2000:]
    assert "| CPU |" in (tmp_path / "site" / "index.html").read_text()


@pytest.mark.parametrize("link, culprit", [("missing.md", "missing.md"), ("#no-such-heading", "no-such-heading")])
def test_a_broken_link_or_anchor_fails_the_strict_build(project, tmp_path, link, culprit):
    (project / "docs" / "index.md").write_text(f"# Demo\n\nSee [there]({link}).\n")
    build = mkdocs_build(project, tmp_path / "site")
    assert build.returncode != 0
    assert any(culprit in line and "WARNING" in line for line in build.stderr.splitlines()), build.stderr[-1500:]
