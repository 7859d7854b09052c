"""Bad input fails the build with one message that names the culprit, and nothing is half-written."""

import pytest

from support import why_it_failed


def failure_line(build) -> str:
    return next(line for line in build.stderr.splitlines() if "failed:" in line)


def test_a_snippet_that_raises_fails_the_build_naming_page_and_file(project):
    project.add_snippet("broken_pytorch.py", "raise ValueError('the model has no weights')\n")
    project.add_page("snippets/demo/broken_pytorch.py")
    build = project.build()
    assert build.returncode != 0
    failure = failure_line(build)
    assert "docs/index.md" in failure and "snippets/demo/broken_pytorch.py" in failure
    assert "ValueError: the model has no weights" in failure


@pytest.mark.parametrize("kind, included", [("snippet", "snippets/demo/silent_pytorch.py"),
                                             ("generator", "scripts/generators/gen_silent.py")])
def test_a_block_that_dies_without_a_word_fails_the_build_in_one_line(project, kind, included):
    if kind == "snippet":
        project.add_snippet("silent_pytorch.py", "import os\nos._exit(3)\n")
    else:
        project.add_generator("gen_silent.py", 'READS = ()\nMEASUREMENTS = ()\nimport os\nos._exit(3)\n')
    project.add_page(included)
    build = project.build()
    assert build.returncode != 0
    assert failure_line(build).endswith(f"docs/index.md: block index-1 failed: {included} exited with status 3: (no error output)")
    assert "Traceback" not in build.stderr


def test_a_generator_without_its_declaration_fails_the_build_naming_page_and_file(project):
    project.add_generator("gen_bare.py", 'print("| a |")\n')
    (project.root / "docs" / "index.md").write_text('# Demo\n\n```python exec="1" html="1"\n--8<-- "scripts/generators/gen_bare.py"\n```\n')
    build = project.build()
    assert build.returncode != 0
    assert "docs/index.md: gen_bare.py: declares no READS and no MEASUREMENTS" in build.stderr
    assert "Traceback" not in build.stderr


def test_a_missing_include_fails_the_build_naming_the_path(project):
    project.add_page("snippets/demo/nowhere_pytorch.py")
    build = project.build()
    assert build.returncode != 0
    assert "docs/index.md: included file snippets/demo/nowhere_pytorch.py does not exist" in build.stderr
    assert "Traceback" not in build.stderr
    assert not (project.root / "site" / "index.html").exists(), "nothing half-written"


def test_code_that_is_not_a_snippet_file_fails_the_build(project):
    (project.root / "docs" / "index.md").write_text('# Demo\n\n```python exec="1"\nprint("typed into the page")\n```\n')
    build = project.build()
    assert build.returncode != 0
    assert "docs/index.md: block index-1 failed: its code is not exactly one file of snippets/" in build.stderr


def test_a_page_whose_only_block_prints_html_builds(project):
    (project.root / "docs" / "index.md").write_text('# Demo\n\n```python exec="1" html="1"\n--8<-- "scripts/generators/gen_environment.py"\n```\n')
    build = project.build()
    assert build.returncode == 0, why_it_failed(build)
    assert "| CPU |" in (project.root / "site" / "index.html").read_text()


@pytest.mark.parametrize("link, culprit", [("missing.md", "missing.md"), ("#no-such-heading", "no-such-heading")])
def test_a_broken_link_or_anchor_fails_the_strict_build(project, link, culprit):
    (project.root / "docs" / "index.md").write_text(f"# Demo\n\nSee [there]({link}).\n")
    build = project.build()
    assert build.returncode != 0
    assert any(culprit in line and "WARNING" in line for line in build.stderr.splitlines()), build.stderr[-1500:]


@pytest.mark.parametrize("value", ["0", "-1", "many"])
def test_a_bad_number_of_parallel_jobs_stops_the_build_in_one_line(project, value):
    project.add_snippet("fine_pytorch.py", "print('fine')\n")
    project.add_page("snippets/demo/fine_pytorch.py")
    build = project.build(ROSETTA_JOBS=value)
    assert build.returncode != 0
    ours = [line for line in build.stderr.splitlines() if "ROSETTA_JOBS" in line]
    assert ours == [f"ERROR   -  ROSETTA_JOBS must be a whole number of at least 1 (parallel jobs), got {value!r}"], build.stderr[-1500:]
    assert "Traceback" not in build.stderr and not (project.root / "site").exists()



@pytest.mark.parametrize("variable, value, message", [
    ("ROSETTA_PRELOAD", "yes", "ROSETTA_PRELOAD must be 1 (run snippets in preloaded interpreters, the default) or 0 "
                               "(every snippet as python file.py), got 'yes'"),
    ("ROSETTA_NEIGHBOURS", "pytest", "ROSETTA_NEIGHBOURS must be process ids separated by commas, got 'pytest'"),
])
def test_a_bad_setting_stops_the_build_in_one_line(project, variable, value, message):
    project.add_snippet("fine_pytorch.py", "print('fine')\n")
    project.add_page("snippets/demo/fine_pytorch.py")
    build = project.build(**{variable: value})
    assert build.returncode != 0
    ours = [line for line in build.stderr.splitlines() if variable in line]
    assert ours == [f"ERROR   -  {message}"], build.stderr[-1500:]
    assert "Traceback" not in build.stderr and not (project.root / "site").exists()


def test_a_notebook_whose_cell_fails_stops_the_build_naming_it(project):
    (project.root / "docs" / "notebooks").mkdir()
    (project.root / "docs" / "notebooks" / "broken_pytorch.py").write_text(
        "# %% [markdown]\n# # Broken\n\n# %%\nraise ValueError('no weights to load')\n")
    project.add_snippet("fine_pytorch.py", "print('fine')\n")
    project.add_page("snippets/demo/fine_pytorch.py")
    project.write_config(nav=["index.md", "notebooks/broken_pytorch.py"], notebooks=True)
    build = project.build()
    assert build.returncode != 0
    assert ("docs/notebooks/broken_pytorch.py: the notebook's run exited with status 1: "
            "broken_pytorch.py: a cell failed: ValueError: no weights to load") in build.stderr, why_it_failed(build)
    assert "Traceback" not in build.stderr
