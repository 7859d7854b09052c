"""The generators' own logic, on synthetic inputs (their real runs are part of the build)."""

import datetime
import math
import os
import subprocess
import sys
from importlib.metadata import metadata, version

import numpy as np
import pytest

from rosetta import measurements, paths
from rosetta.digits.classifier import differences
from rosetta.rendering import facts
from rosetta.rendering.code_lines import code_lines
from rosetta.vocabulary import DEPLOYMENT_ROUTES, FLOAT_TOLERANCE, TRAINING_FRAMEWORKS
from support import load_generator as generator

GENERATORS = paths.REPO / "scripts" / "generators"
WORKERS = paths.REPO / "scripts" / "workers"


deployment_matrix = generator("gen_deployment_matrix")


def rows_with(found: dict) -> list[dict]:
    return [{"route": route.label, "slug": slug, "difference": found.get(route.label, 0.0)} for slug, route in DEPLOYMENT_ROUTES.items()]


def test_float_routes_are_strict_and_only_int8_is_allowed_more():
    assert {route.label: route.tolerance for route in DEPLOYMENT_ROUTES.values() if route.tolerance != FLOAT_TOLERANCE} == \
        {"Quantized ONNX (int8)": 0.5}


def test_differences_within_tolerance_pass():
    assert deployment_matrix.tolerance_breaches(rows_with({"LiteRT": FLOAT_TOLERANCE, "Quantized ONNX (int8)": 0.05})) == ""


def test_a_difference_over_tolerance_is_named():
    breaches = deployment_matrix.tolerance_breaches(rows_with({"SavedModel": 3 * FLOAT_TOLERANCE, "ONNX from Keras": math.nan}))
    limit = f"{FLOAT_TOLERANCE:.0e}"
    assert breaches == f"ONNX from Keras differs by nan > {limit}; SavedModel differs by {3 * FLOAT_TOLERANCE:.1e} > {limit}"


# The fact tables: every cell sourced or measured, and a bad cell named in one line.

@pytest.mark.parametrize("name", ["comparison", "ecosystem"])
def test_every_fact_cell_has_a_source_or_a_measure(name):
    table = facts.read_table(name)
    for row in table["rows"]:
        assert len(row["cells"]) == len(table["columns"]), row["name"]
        for cell in row["cells"]:
            assert cell.get("text") and ("source" in cell) != ("measure" in cell), f"{name}: {row['name']}: {cell}"
    rendered = facts.render(name)
    assert rendered.count("\n| **") == len(table["rows"])


def test_a_cell_without_source_or_measure_is_named(tmp_path):
    (tmp_path / "scripts" / "facts").mkdir(parents=True)
    (tmp_path / "scripts" / "facts" / "broken.toml").write_text(
        'columns = ["PyTorch", "TensorFlow"]\n[[rows]]\nname = "Licence"\n'
        'cells = [{ text = "BSD", source = "https://example.org/", quote = "BSD.", checked = 2026-01-01 }, { text = "Apache 2.0" }]\n'
    )
    with pytest.raises(facts.FactError, match=r"^broken\.toml: row 'Licence', column 'TensorFlow': has neither a source nor a measure$"):
        facts.render("broken", paths.Project(tmp_path))


@pytest.mark.parametrize("source, problem", [("no-such-page.md", "neither a web address nor a page in docs/"),
                                             ("ftp://example.org/x", "neither a web address nor a page in docs/")])
def test_a_source_must_be_a_web_address_or_a_page_of_the_site(source, problem):
    with pytest.raises(facts.FactError, match=problem):
        facts.render_cell({"text": "x", "source": source})


def write_table(root, cells: str) -> paths.Project:
    (root / "scripts" / "facts").mkdir(parents=True)
    (root / "scripts" / "facts" / "broken.toml").write_text(f'columns = ["JAX"]\n[[rows]]\nname = "Serving"\ncells = [{cells}]\n')
    return paths.Project(root)


def test_a_quoted_citation_renders_its_quote_and_date_as_a_footnote(tmp_path):
    project = write_table(tmp_path, '{ text = "Orbax", source = "https://orbax.example.org/x", quote = "Exports  JAX\\n models.", checked = 2026-01-05, '
                                    'also = [{ source = "https://jax.example.org/", quote = "Second.", checked = 2025-12-31 }] }')
    rendered = facts.render("broken", project)
    assert "| **Serving** | Orbax ([orbax.example.org](https://orbax.example.org/x)[^broken-1], [jax.example.org](https://jax.example.org/)[^broken-2]) |" in rendered
    old = ", more than six months before this build: due to be read again"  # the dates are from 2025-2026
    assert rendered.endswith(f'[^broken-1]: "Exports JAX models." ([orbax.example.org](https://orbax.example.org/x), checked 5 January 2026{old})\n\n'
                             f'[^broken-2]: "Second." ([jax.example.org](https://jax.example.org/), checked 31 December 2025{old})')


@pytest.mark.parametrize("cell, problem", [
    ('{ text = "x", source = "https://a.org/", qoute = "typo" }', "unknown key 'qoute'"),
    ('{ text = "x", source = "https://a.org/" }', "cites https://a.org/ without a quote and a checked date$"),
    ('{ text = "x", source = "https://a.org/", quote = "q" }', "cites https://a.org/ without a checked date$"),
    ('{ text = "x", source = "https://a.org/", checked = 2026-01-01 }', "cites https://a.org/ without a quote$"),
    ('{ text = "x", source = "https://a.org/", quote = "q", checked = 2026-01-01, also = [{ source = "https://b.org/" }] }',
     "cites https://b.org/ without a quote and a checked date$"),
    ('{ text = "x", source = "https://a.org/", quote = "q", checked = "2026-01-01" }', "checked = '2026-01-01' is not a date"),
    ('{ text = "x", source = "https://a.org/", quote = "q", checked = 2999-01-01 }', "checked = 2999-01-01 is in the future"),
    ('{ text = "x", source = "https://a.org/", quote = "q", checked = 2026-01-01, also = [{ source = "https://b.org/", quote = "q", when = 2026-01-01 }] }',
     "unknown key 'when' in a citation"),
    ('{ text = "x", measure = "version:onnx", source = "https://a.org/" }', "is measured and cited at once"),
])
def test_a_broken_citation_is_named_with_its_row_and_column(tmp_path, cell, problem):
    with pytest.raises(facts.FactError, match=rf"^broken\.toml: row 'Serving', column 'JAX': {problem}"):
        facts.render("broken", write_table(tmp_path, cell))


def test_a_citation_older_than_six_months_says_so_and_is_listed(tmp_path):
    today = datetime.date.today()
    old, recent = today - datetime.timedelta(days=200), today - datetime.timedelta(days=100)
    project = write_table(tmp_path, f'{{ text = "x", source = "https://old.org/", quote = "q", checked = {old}, '
                                    f'also = [{{ source = "https://new.org/", quote = "r", checked = {recent} }}] }}')
    rendered = facts.render("broken", project)
    assert f"checked {old:%-d %B %Y}, more than six months before this build: due to be read again)" in rendered
    assert f"checked {recent:%-d %B %Y})" in rendered
    assert facts.stale_citations("broken", project) == [f"broken.toml: row 'Serving', column 'JAX': https://old.org/ checked {old}"]
    assert facts.stale_citations("broken", project, today=old + datetime.timedelta(days=100)) == []


def test_a_page_of_the_site_is_not_quoted(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "jax.md").write_text("# JAX\n")
    with pytest.raises(facts.FactError, match=r"quotes a page of this site \(jax\.md\)"):
        facts.render("broken", write_table(tmp_path, '{ text = "x", source = "jax.md", quote = "q", checked = 2026-01-01 }'))


def test_the_licence_is_read_from_the_installed_distribution():
    assert facts.render_cell({"text": "the installed wheel", "measure": "licence:jax"}) == \
        f"the installed wheel: jax {version('jax')} declares {metadata('jax')['License']} *(measured by this build)*"
    assert facts.measured("licence:flax").endswith("declares Apache Software License")  # flax names it by a classifier only


def test_measured_cells_read_the_installed_packages():
    assert facts.render_cell({"text": "onnx", "measure": "version:onnx"}) == \
        f"onnx: onnx {version('onnx')} *(measured by this build)*"
    with pytest.raises(facts.FactError, match="unknown measure 'colour'"):
        facts.render_cell({"text": "x", "measure": "colour"})


# The decision guide: lines of code counted from the snippets, numbers handed over by the build.

def test_code_lines_skip_the_docstring_comments_and_blank_lines():
    source = '"""Title.\n\nMore words.\n"""\n\nimport os  # a trailing comment counts\n\n# a comment\nx = 1\nprint("""a\n\nb""")\n'
    assert code_lines(source) == 4  # import, x =, and the two non-blank lines of the print


def test_every_decision_task_has_a_snippet_per_framework():
    decision = generator("gen_decision_chart")
    counts = decision.lines_of_code()
    assert set(counts) == set(decision.TASKS)
    assert all(len(by_framework) == len(TRAINING_FRAMEWORKS) and min(by_framework.values()) > 3 for by_framework in counts.values())


def test_the_decision_generator_without_a_build_stops_with_one_line(tmp_path):
    run = subprocess.run([sys.executable, str(GENERATORS / "gen_decision_chart.py")], capture_output=True, text=True,
                         env=os.environ | {measurements.FOLDER_VARIABLE: str(tmp_path)})
    assert run.returncode == 1 and run.stdout == ""
    assert run.stderr.strip() == (f"gen_decision_chart.py: no deployment measurements in {tmp_path}; they are written by "
                                  "gen_deployment_matrix.py (ONNX and deployment page) during a site build (make build or make serve)")


def test_measurements_are_handed_over_whole_and_only_during_a_build(monkeypatch, tmp_path):
    monkeypatch.delenv(measurements.FOLDER_VARIABLE, raising=False)
    measurements.save("numbers", {"a": 1})  # outside a build: nothing to write to, nothing written
    monkeypatch.setenv(measurements.FOLDER_VARIABLE, str(tmp_path))
    before = measurements.digest()
    measurements.save("numbers", {"a": 1})
    assert measurements.load("numbers", "reader", "producer") == {"a": 1}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["numbers.json"] and measurements.digest() != before
    assert measurements.digest(["other"]) == measurements.digest([]), "a reader's key covers only what it reads"


def test_arrays_are_handed_over_whole_and_a_reader_without_them_stops_in_one_line(monkeypatch, tmp_path):
    monkeypatch.setenv(measurements.FOLDER_VARIABLE, str(tmp_path))
    measurements.save_arrays("weights", {"w0": np.arange(6.0).reshape(2, 3)})
    assert sorted(p.name for p in tmp_path.iterdir()) == ["weights.npz"], "no partial file is left"
    assert measurements.load_arrays("weights", "reader", "producer")["w0"].tolist() == [[0, 1, 2], [3, 4, 5]]
    with pytest.raises(SystemExit, match=f"^reader: no other arrays in {tmp_path}; they are written by producer during"):
        measurements.load_arrays("other", "reader", "producer")


def test_a_file_is_handed_over_under_its_own_name_and_published_from_there(monkeypatch, tmp_path):
    source = tmp_path / "model.onnx"
    source.write_bytes(b"\x08\x0a")
    handover = tmp_path / "handover"
    monkeypatch.setenv(measurements.FOLDER_VARIABLE, str(handover))
    measurements.save_file("digits.onnx", source)
    assert sorted(p.name for p in handover.iterdir()) == ["digits.onnx"], "no partial file is left"
    assert measurements.saved_path("digits.onnx").read_bytes() == b"\x08\x0a"
    assert measurements.saved_path("deployment") == handover / "deployment.json", "a name without a suffix is JSON"
    assert measurements.load_file("digits.onnx", "reader", "producer") == handover / "digits.onnx"
    with pytest.raises(SystemExit, match=f"^reader: no other.onnx file in {handover}; they are written by producer during"):
        measurements.load_file("other.onnx", "reader", "producer")


# The side-by-side page and the parity table.

NOTEBOOK_OUTPUT = """train (1347, 64) test (450, 64)
initial weights checksum: 663.8633
epoch  1  loss 2.0486  test accuracy 0.5689
epoch  2  loss 1.0000  test accuracy {accuracy}
training time 0.39 s
final test accuracy {accuracy}
"""


def test_a_notebook_run_is_read_into_curves_and_totals():
    result = generator("gen_side_by_side").parse(NOTEBOOK_OUTPUT.format(accuracy="0.9644"), "digits_x.py")
    assert result["epochs"] == [(1, 2.0486, 0.5689), (2, 1.0, 0.9644)]
    assert (result["seconds"], result["accuracy"], result["checksum"], result["backend"]) == (0.39, 0.9644, "663.8633", "-")


def test_a_notebook_under_the_accuracy_bar_stops_the_build():
    with pytest.raises(SystemExit, match=r"^gen_side_by_side\.py: digits_x\.py reached 0\.9000 test accuracy, under 0\.95$"):
        generator("gen_side_by_side").parse(NOTEBOOK_OUTPUT.format(accuracy="0.9000"), "digits_x.py")


def test_the_side_by_side_page_runs_each_training_framework_and_keras_on_each_backend():
    assert generator("gen_side_by_side").runs() == {
        "PyTorch": ("digits_pytorch.py", {}), "TensorFlow": ("digits_tensorflow.py", {}),
        "Keras (TensorFlow backend)": ("digits_keras.py", {"KERAS_BACKEND": "tensorflow"}),
        "Keras (PyTorch backend)": ("digits_keras.py", {"KERAS_BACKEND": "torch"}),
        "Keras (JAX backend)": ("digits_keras.py", {"KERAS_BACKEND": "jax"}), "JAX": ("digits_jax.py", {}),
    }


def test_parity_differences_are_absolute_and_relative_to_the_largest_logit():
    reference = np.array([[10.0, -20.0], [1.0, 2.0]])
    assert differences(reference + np.array([[0.0, 2e-5], [-1e-5, 0.0]]), reference) == pytest.approx((2e-5, 1e-6))


@pytest.mark.parametrize("worker, kind", [("parity_runtime.py", "runtime"), ("deployment_route.py", "route")])
def test_an_unknown_runtime_or_route_is_refused_in_one_line(worker, kind, tmp_path):
    run = subprocess.run([sys.executable, str(WORKERS / worker), "Caffe", str(tmp_path)], capture_output=True, text=True)
    assert run.returncode == 1 and run.stderr.strip().startswith(f"{worker}: unknown {kind} 'Caffe'; choose from ")
    assert list(tmp_path.iterdir()) == []


def test_parity_runtimes_that_need_different_keras_backends_are_refused_in_one_line(tmp_path):
    worker = str(WORKERS / "parity_runtime.py")
    run = subprocess.run([sys.executable, worker, "pytorch,keras-jax", str(tmp_path)], capture_output=True, text=True)
    assert run.returncode == 1 and run.stderr.strip() == (
        "parity_runtime.py: pytorch, keras-jax need different Keras backends (jax, torch); run them apart")
    assert list(tmp_path.iterdir()) == []


def test_a_quote_is_shown_as_written_not_read_as_markdown(tmp_path):
    import markdown
    from bs4 import BeautifulSoup

    quote = 'We are **looking** for `torch` users_of [old] APIs <br> & more\\\\'
    project = write_table(tmp_path, f"{{ text = 'x', source = 'https://a.org/', quote = '{quote}', checked = 2026-11-29 }}")
    html = markdown.markdown(facts.render("broken", project), extensions=["footnotes", "tables"])
    note = BeautifulSoup(html, "html.parser").select_one(".footnote li").get_text()
    assert f'"{quote}"' in note
