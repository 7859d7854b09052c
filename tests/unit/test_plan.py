"""What a build plans to execute, read from its pages; and the records of what each job printed."""

from rosetta import records
from rosetta.paths import Project
from rosetta.site import plan

PAGE = '''# A page

```python exec="1" source="above" result="text"
--8<-- "snippets/demo/first_pytorch.py"
```

=== "Keras"

    ```python exec="1" html="1"
    --8<-- "scripts/generators/gen_demo.py"
    ```

```python
--8<-- "snippets/demo/shown_only_pytorch.py"
```

```python exec="1"
--8<-- "snippets/demo/missing_pytorch.py"
```
'''


def test_a_page_executes_the_files_its_exec_fences_include_and_no_other(tmp_path):
    project = Project(tmp_path)
    for name in ("snippets/demo/first_pytorch.py", "snippets/demo/shown_only_pytorch.py", "scripts/generators/gen_demo.py"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("print(1)\n")
    found = [project.relative(path) for path in plan.executed_files(PAGE, project)]
    assert found == ["snippets/demo/first_pytorch.py", "scripts/generators/gen_demo.py"]


def test_each_notebook_runs_once_and_the_keras_one_once_more_on_each_other_backend(tmp_path):
    project = Project(tmp_path)
    pages = [tmp_path / "docs" / "notebooks" / f"digits_{slug}.py" for slug in ("pytorch", "keras")]
    assert [run.name(project) for run in plan.notebook_runs(pages)] == [
        "docs/notebooks/digits_pytorch.py", "docs/notebooks/digits_keras.py",
        "docs/notebooks/digits_keras.py [KERAS_BACKEND=torch]", "docs/notebooks/digits_keras.py [KERAS_BACKEND=jax]"]


def test_records_are_kept_by_name_during_a_build_only(tmp_path, monkeypatch):
    monkeypatch.delenv(records.FOLDER_VARIABLE, raising=False)
    monkeypatch.delenv("ROSETTA_MEASUREMENTS", raising=False)
    records.save("snippets/demo/a_pytorch.py", "outside\n")
    assert records.load("snippets/demo/a_pytorch.py") is None
    monkeypatch.setenv(records.FOLDER_VARIABLE, str(tmp_path))
    records.save("docs/notebooks/digits_keras.py [KERAS_BACKEND=torch]", "{}")
    records.save("snippets/demo/a_pytorch.py", "printed\n")
    assert records.load("snippets/demo/a_pytorch.py") == "printed\n"
    assert records.load("docs/notebooks/digits_keras.py [KERAS_BACKEND=torch]") == "{}"
    assert len(list(tmp_path.iterdir())) == 2


def test_blocks_are_planned_in_the_nav_s_reading_order():
    nav = [{"Home": "index.md"}, {"Guide": [{"Jobs": "jobs.md"}, "keras.md"]}, {"Benchmarks": "benchmarks.md"}]
    assert plan.nav_order(nav) == ["index.md", "jobs.md", "keras.md", "benchmarks.md"]

    class File:
        def __init__(self, src_uri):
            self.src_uri = src_uri
    files = [File(name) for name in ("benchmarks.md", "extra.md", "index.md", "keras.md", "jobs.md")]
    assert [f.src_uri for f in plan.in_reading_order(files, nav)] == ["index.md", "jobs.md", "keras.md", "benchmarks.md", "extra.md"]
