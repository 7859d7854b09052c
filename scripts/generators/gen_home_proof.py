"""The home page's proof: what this build executed and measured, in a few lines and one small chart.

Every figure comes from the build: the blocks and notebook runs are counted from the pages the
build executes (rosetta.site.plan; a block that fails stops the build, so all of them ran), the
routes and their differences from the deployment matrix, the training times and the machine from
the Benchmarks page (rosetta.measurements). The chart is plain SVG, drawn here: the home page
loads no plotly.js.
"""

import html

from rosetta import measurements, paths
from rosetta.bench.report import duration, measured_cells
from rosetta.site.plan import executed_files, notebook_runs
from rosetta.vocabulary import DEPLOYMENT_ROUTES, FLOAT_TOLERANCE, RUNTIMES, TRAINING_RUNTIMES

READS = ("docs/**/*.md", "docs/notebooks/*.py")  # files besides its code: the pages whose blocks it counts
MEASUREMENTS = ("deployment", "benchmarks")  # other pages' measurements it reads
READER = "gen_home_proof.py"
BAR_HEIGHT, LABEL_WIDTH, WIDTH = 26, 230, 640  # the chart's geometry, in SVG units


def executed(project: paths.Project) -> tuple[int, int, int]:
    """Files the pages run as blocks (each once, however many pages show it), notebook runs, pages that run any."""
    pages = {page: executed_files(page.read_text(encoding="utf-8"), project) for page in project.docs.rglob("*.md")}
    notebooks = sorted(project.notebooks.glob("*.py"))
    running = [page for page, files in pages.items() if files] + notebooks
    return len({file for files in pages.values() for file in files}), len(notebook_runs(notebooks)), len(running)


def routes_sentence(rows: list[dict]) -> str:
    exact = [row for row in rows if DEPLOYMENT_ROUTES[row["slug"]].tolerance <= FLOAT_TOLERANCE]
    loose = [row for row in rows if row not in exact]
    sentence = (f"**{len(rows)} deployment routes agree** with a float64 reference of the same weights: "
                f"{len(exact)} within {max(row['difference'] for row in exact):.1e} of it")
    sentence += "".join(f", {row['route']} within {row['difference']:.2f} (its tolerance {DEPLOYMENT_ROUTES[row['slug']].tolerance:g})"
                        for row in loose)
    return sentence + " ([how](deployment.md#the-deployment-matrix))."


def epoch_bars(trained: list[tuple[str, float]]) -> str:
    """A horizontal bar per framework, longest last; colours follow the palette (docs/stylesheets/site.css)."""
    longest = max(seconds for _, seconds in trained)
    rows = []
    for index, (label, seconds) in enumerate(trained):
        y = index * BAR_HEIGHT
        width = (WIDTH - LABEL_WIDTH - 90) * seconds / longest
        rows.append(f'<text x="{LABEL_WIDTH - 8}" y="{y + 17}" text-anchor="end">{html.escape(label)}</text>'
                    f'<rect x="{LABEL_WIDTH}" y="{y + 4}" width="{width:.1f}" height="{BAR_HEIGHT - 8}"></rect>'
                    f'<text x="{LABEL_WIDTH + width + 6:.1f}" y="{y + 17}">{duration(seconds)}</text>')
    summary = "; ".join(f"{label} {duration(seconds)}" for label, seconds in trained)
    return (f'<svg class="rosetta-bars" viewBox="0 0 {WIDTH} {len(trained) * BAR_HEIGHT}" role="img" '
            f'aria-label="One training epoch of the digits MLP on one core: {html.escape(summary)}">{"".join(rows)}</svg>')


def main() -> None:
    deployment = measurements.load("deployment", READER, "gen_deployment_matrix.py (ONNX and deployment page)")
    benchmarks = measurements.load("benchmarks", READER, "gen_benchmarks.py (Benchmarks page)")
    environment, cells = benchmarks["environment"], benchmarks["cells"]
    blocks, notebooks, pages = executed(paths.current())
    trained = sorted(((RUNTIMES[cell["runtime"]].short_label, cell["median"])
                      for cell in measured_cells(cells, TRAINING_RUNTIMES, "mlp", "train_epoch", 1)), key=lambda item: item[1])
    print(f'<div class="rosetta-proof" markdown="1">\n')
    print(f"**What this build proved**, on {environment['date']} on {environment['cpu']} ({environment['cores']} cores):\n")
    print(f"- **{blocks} code files and {notebooks} notebook runs executed** for {pages} pages; a block that fails stops "
          "the build, so every output on this site comes from this run.")
    print(f"- {routes_sentence(deployment)}")
    print(f"- **The same MLP trains one epoch** on one core in {duration(trained[0][1])} with {trained[0][0]}, up to "
          f"{duration(trained[-1][1])} with {trained[-1][0]} ([the method](benchmarks.md)):\n")
    print(epoch_bars(trained))
    print("\n</div>")


if __name__ == "__main__":
    main()
