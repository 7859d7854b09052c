"""The author cache: keys follow what determines an output, and a damaged entry is discarded, not fatal."""

import logging

import pytest

from rosetta import measurements
from rosetta.execution.cache import BlockCache
from rosetta.paths import Project
from rosetta.site import generators

GENERATOR = '''"""A generator for the test."""
READS = ("docs/notebooks/*.py", "scripts/facts/demo.toml", "docs/data/*.csv")
MEASUREMENTS = ("deployment",)
'''


def test_a_damaged_entry_is_discarded_with_one_line_and_the_block_runs_again(tmp_path, caplog):
    cache = BlockCache(tmp_path)
    key = cache.key("print(1)", {"exec": "1"})
    cache.put(key, "1\n")
    assert cache.get(key) == "1\n"
    (tmp_path / f"{key}.json").write_text('{"stdout": "1')  # truncated
    with caplog.at_level(logging.INFO, logger="mkdocs.hooks.rosetta"):
        assert cache.get(key) is None
    assert [record.getMessage() for record in caplog.records] == [
        f"warning: discarded the unreadable cache entry {key}.json; its block runs again"]
    assert not (tmp_path / f"{key}.json").exists()


def test_a_key_changes_with_the_code_the_options_and_the_inputs(tmp_path):
    cache = BlockCache(tmp_path)
    keys = {cache.key("a", {}), cache.key("b", {}), cache.key("a", {"html": "1"}), cache.key("a", {}, inputs="x")}
    assert len(keys) == 4 and cache.key("a", {}) == cache.key("a", {})


def test_a_generators_inputs_follow_its_declaration_for_every_kind_of_input(tmp_path, monkeypatch):
    project = Project(tmp_path)
    project.generators.mkdir(parents=True)
    project.notebooks.mkdir(parents=True)
    generator = project.generators / "gen_demo.py"
    generator.write_text(GENERATOR)
    (project.notebooks / "digits_a.py").write_text("print('a')\n")
    (project.docs / "index.md").write_text("# Home\n")
    project.facts.mkdir(parents=True)
    (project.facts / "demo.toml").write_text('columns = ["A"]\n')
    (project.docs / "data").mkdir()
    (project.docs / "data" / "points.csv").write_text("x,y\n1,2\n")
    monkeypatch.setenv(measurements.FOLDER_VARIABLE, str(tmp_path / "measured"))
    before = generators.inputs_digest(generator, project)

    (project.docs / "index.md").write_text("# Home, reworded\n")
    measurements.save("benchmarks", {"other": 1})
    assert generators.inputs_digest(generator, project) == before, "unrelated files and measurements do not count"
    (project.notebooks / "digits_a.py").write_text("print('b')\n")
    after_notebook = generators.inputs_digest(generator, project)
    assert after_notebook != before
    (project.facts / "demo.toml").write_text('columns = ["A", "B"]\n')
    after_facts = generators.inputs_digest(generator, project)
    assert after_facts != after_notebook
    (project.docs / "data" / "points.csv").write_text("x,y\n1,3\n")
    after_data = generators.inputs_digest(generator, project)
    assert after_data != after_facts
    measurements.save("deployment", {"rows": 1})
    assert generators.inputs_digest(generator, project) != after_data


def test_a_generator_without_a_declaration_is_named(tmp_path):
    path = tmp_path / "gen_bare.py"
    path.write_text("print('hello')\n")
    with pytest.raises(generators.DeclarationError, match=r"^gen_bare\.py: declares no READS and no MEASUREMENTS \(see "):
        generators.declaration(path)
