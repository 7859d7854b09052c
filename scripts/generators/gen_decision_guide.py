"""The decision guide: questions the reader answers, and the frameworks ranked from the answers.

The logic is data (scripts/facts/decision_guide.toml, read and checked by rosetta.guide.data);
the answers about speed take their points from the Benchmarks page of this same build, and each
framework's card lists the deployment routes of this build's matrix that start from it. Prints the
interactive form (shown once the page's script runs) and the same advice as a static table.
"""

import sys

from rosetta import measurements
from rosetta.guide import page
from rosetta.guide.data import GuideError, load, with_measured

READS = ("scripts/facts/decision_guide.toml", "docs/*.md")  # its data, and the pages its proofs name
MEASUREMENTS = ("benchmarks", "deployment")  # other pages' measurements it reads
READER = "gen_decision_guide.py"


def main() -> None:
    try:
        questions = load()
    except GuideError as error:
        sys.exit(f"{READER}: {error}")
    cells = measurements.load("benchmarks", READER, "gen_benchmarks.py (Benchmarks page)")["cells"]
    questions = with_measured(questions, cells)
    deployment = measurements.load("deployment", READER, "gen_deployment_matrix.py (ONNX and deployment page)")
    print(page.form(questions, cells, deployment))
    print("\n### The same advice as a table\n")
    print("Each answer, what it favours and why; the guide above adds up the points of your answers. "
          "The speed answers are ranked by this build's [Benchmarks](benchmarks.md).\n")
    print(page.table(questions))


if __name__ == "__main__":
    main()
