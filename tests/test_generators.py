"""The generators' own logic, on synthetic inputs (their real runs are part of the build)."""

import math
import os
import subprocess
import sys
import tomllib
from importlib.metadata import version

import numpy as np
import pytest

import fact_tables
import measurements
from conftest import REPO
from code_lines import code_lines
from gen_decision_chart import TASKS, lines_of_code
from gen_deployment_matrix import FLOAT_TOLERANCE, ROUTES, TOLERANCES, tolerance_breaches
from gen_parity_table import differences
from gen_side_by_side import parse


def rows_with(differences: dict) -> list[dict]:
    return [{"route": route, "difference": differences.get(route, 0.0)} for route in ROUTES]


def test_every_route_has_a_tolerance_and_float_routes_are_strict():
    assert set(TOLERANCES) == set(ROUTES)
    assert all(TOLERANCES[route] == FLOAT_TOLERANCE for route in ROUTES if "Quantized" not in route)


def test_differences_within_tolerance_pass():
    assert tolerance_breaches(rows_with({"LiteRT": FLOAT_TOLERANCE, "Quantized ONNX (int8)": 0.05})) == ""


def test_a_difference_over_tolerance_is_named():
    breaches = tolerance_breaches(rows_with({"SavedModel": 3 * FLOAT_TOLERANCE, "ONNX from Keras": math.nan}))
    limit = f"{FLOAT_TOLERANCE:.0e}"
    assert breaches == f"ONNX from Keras differs by nan > {limit}; SavedModel differs by {3 * FLOAT_TOLERANCE:.1e} > {limit}"


# The fact tables: every cell sourced or measured, and a bad cell named in one line.

@pytest.mark.parametrize("name", ["comparison", "ecosystem"])
def test_every_fact_cell_has_a_source_or_a_measure(name):
    table = tomllib.loads((fact_tables.FACTS / f"{name}.toml").read_text(encoding="utf-8"))
    for row in table["rows"]:
        assert len(row["cells"]) == len(table["columns"]), row["name"]
        for cell in row["cells"]:
            assert cell.get("text") and ("source" in cell) != ("measure" in cell), f"{name}: {row['name']}: {cell}"
    rendered = fact_tables.render(name)
    assert rendered.count("\n| **") == len(table["rows"])


def test_a_cell_without_source_or_measure_is_named(tmp_path, monkeypatch):
    (tmp_path / "broken.toml").write_text(
        'columns = ["PyTorch", "TensorFlow"]\n[[rows]]\nname = "Licence"\n'
        'cells = [{ text = "BSD", source = "https://example.org/" }, { text = "Apache 2.0" }]\n'
    )
    monkeypatch.setattr(fact_tables, "FACTS", tmp_path)
    with pytest.raises(fact_tables.FactError, match=r"^broken\.toml: row 'Licence', column 'TensorFlow': has neither a source nor a measure$"):
        fact_tables.render("broken")


@pytest.mark.parametrize("source, problem", [("no-such-page.md", "neither a web address nor a page in docs/"),
                                             ("ftp://example.org/x", "neither a web address nor a page in docs/")])
def test_a_source_must_be_a_web_address_or_a_page_of_the_site(source, problem):
    with pytest.raises(fact_tables.FactError, match=problem):
        fact_tables.render_cell({"text": "x", "source": source})


def test_measured_cells_read_the_installed_packages():
    assert fact_tables.render_cell({"text": "onnx", "measure": "version:onnx"}) == \
        f"onnx: onnx {version('onnx')} *(measured by this build)*"
    with pytest.raises(fact_tables.FactError, match="unknown measure 'colour'"):
        fact_tables.render_cell({"text": "x", "measure": "colour"})


# The decision guide: lines of code counted from the snippets, numbers handed over by the build.

def test_code_lines_skip_the_docstring_comments_and_blank_lines():
    source = '"""Title.\n\nMore words.\n"""\n\nimport os  # a trailing comment counts\n\n# a comment\nx = 1\nprint("""a\n\nb""")\n'
    assert code_lines(source) == 4  # import, x =, and the two non-blank lines of the print


def test_every_decision_task_has_a_snippet_per_framework():
    counts = lines_of_code()
    assert set(counts) == set(TASKS) and all(len(by_framework) == 3 and min(by_framework.values()) > 3 for by_framework in counts.values())


def test_the_decision_generator_without_a_build_stops_with_one_line(tmp_path):
    run = subprocess.run([sys.executable, str(REPO / "scripts" / "gen_decision_chart.py")], capture_output=True, text=True,
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


# The side-by-side page and the parity table.

NOTEBOOK_OUTPUT = """train (1347, 64) test (450, 64)
initial weights checksum: 663.8633
epoch  1  loss 2.0486  test accuracy 0.5689
epoch  2  loss 1.0000  test accuracy {accuracy}
training time 0.39 s
final test accuracy {accuracy}
"""


def test_a_notebook_run_is_read_into_curves_and_totals():
    result = parse(NOTEBOOK_OUTPUT.format(accuracy="0.9644"), "digits_x.py")
    assert result["epochs"] == [(1, 2.0486, 0.5689), (2, 1.0, 0.9644)]
    assert (result["seconds"], result["accuracy"], result["checksum"], result["backend"]) == (0.39, 0.9644, "663.8633", "-")


def test_a_notebook_under_the_accuracy_bar_stops_the_build():
    with pytest.raises(SystemExit, match=r"^gen_side_by_side\.py: digits_x\.py reached 0\.9000 test accuracy, under 0\.95$"):
        parse(NOTEBOOK_OUTPUT.format(accuracy="0.9000"), "digits_x.py")


def test_parity_differences_are_absolute_and_relative_to_the_largest_logit():
    reference = np.array([[10.0, -20.0], [1.0, 2.0]])
    assert differences(reference + np.array([[0.0, 2e-5], [-1e-5, 0.0]]), reference) == pytest.approx((2e-5, 1e-6))


def test_an_unknown_parity_runtime_is_refused_in_one_line(tmp_path):
    run = subprocess.run([sys.executable, str(REPO / "scripts" / "parity_runtimes.py"), "Caffe", str(tmp_path)],
                         capture_output=True, text=True)
    assert run.returncode == 1 and run.stderr.strip().startswith("parity_runtimes.py: unknown runtime 'Caffe'; choose from PyTorch, ")
    assert list(tmp_path.iterdir()) == []
