"""Determinism: two fresh builds of sample pages, one serial and one parallel, say the same thing once
timings are masked, and the gate fails on a page that prints a random number."""

import shutil
import subprocess
import sys

import tomllib

from rosetta.paths import REPO
from rosetta.rendering import facts
from rosetta.tools.diff import differences
from support import why_it_failed

# One block per kind: a snippet of three frameworks and a generator that reads the installed packages.
SAMPLE = ["snippets/hello/matmul_pytorch.py", "snippets/jobs/gradient_tensorflow.py", "snippets/hello/matmul_keras.py",
          "scripts/generators/gen_comparison_table.py"]


def pages_the_comparison_table_cites() -> list[str]:
    table = tomllib.loads((REPO / "scripts" / "facts" / "comparison.toml").read_text(encoding="utf-8"))
    cited = [citation["source"] for row in table["rows"] for cell in row["cells"] for citation in facts.citations(cell)]
    return sorted({source.split("#")[0] for source in cited if not facts.is_web(source)})


def sample_project(project, sample=SAMPLE):
    shutil.copytree(REPO / "snippets", project.root / "snippets", dirs_exist_ok=True)
    linked = pages_the_comparison_table_cites() if "scripts/generators/gen_comparison_table.py" in sample else []
    for name in linked:
        (project.root / "docs" / name).write_text(f"# {name}\n")
    project.write_config(nav=["index.md", *linked])
    project.add_page(*sample)


def test_a_serial_and_a_parallel_build_of_sample_pages_say_the_same(project):
    sample_project(project)
    first, second = project.build("a", ROSETTA_JOBS="1"), project.build("b", ROSETTA_JOBS="2")
    assert first.returncode == second.returncode == 0, why_it_failed(first) + why_it_failed(second)
    assert "1 parallel job\n" in first.stderr and "2 parallel jobs\n" in second.stderr
    assert differences(project.root / "a", project.root / "b") == []
    tool = subprocess.run([sys.executable, str(REPO / "scripts" / "diff_builds.py"), str(project.root / "a"), str(project.root / "b")],
                          capture_output=True, text=True)
    assert tool.returncode == 0 and "pages have the same text once timings are masked" in tool.stdout


def test_the_determinism_gate_fails_on_a_page_that_prints_a_random_number(project):
    project.add_snippet("noise_pytorch.py", "import random\nprint('loss', random.random())\n")
    sample_project(project, sample=["snippets/hello/matmul_pytorch.py", "snippets/demo/noise_pytorch.py"])
    first, second = project.build("a"), project.build("b")
    assert first.returncode == second.returncode == 0, why_it_failed(first) + why_it_failed(second)
    found = differences(project.root / "a", project.root / "b")
    assert len(found) == 1 and found[0].startswith("index.html: ") and "loss 0." in found[0]
