"""The decision guide's measured side: lines of code, export routes and timings, as tables and charts.

Lines of code are counted from the snippets on the site. Export routes and timings are what
the ONNX and deployment page and the Benchmarks page measured earlier in the same build
(rosetta.measurements hands them over); nothing here is typed in.
"""

import plotly.graph_objects as go

from rosetta import measurements, paths
from rosetta.bench.report import error_bars, measured, measured_cells
from rosetta.rendering.charts import chart_html
from rosetta.rendering.code_lines import code_lines
from rosetta.rendering.tables import markdown_table
from rosetta.vocabulary import FRAMEWORKS, RUNTIMES, SERVING_RUNTIMES, TRAINING_FRAMEWORKS, TRAINING_RUNTIMES

# Each task is one snippet per framework, shown on the site: snippets/<stem>_<framework>.py
TASKS = {
    "Tensor operations": "jobs/tensors",
    "Pick a device": "jobs/device",
    "A gradient": "jobs/gradient",
    "An optimization loop": "jobs/optimizer",
    "Batching data": "jobs/batching",
    "Train the first model": "first_model/linear",
}
READS = ("snippets/jobs/*.py", "snippets/first_model/*.py")  # files besides its code: the TASKS' snippets
MEASUREMENTS = ("deployment", "benchmarks")  # other pages' measurements it reads
READER = "gen_decision_chart.py"


def lines_of_code(project: paths.Project | None = None) -> dict[str, dict[str, int]]:
    snippets = (project or paths.current()).snippets
    counts = {}
    for task, stem in TASKS.items():
        counts[task] = {}
        for framework in TRAINING_FRAMEWORKS:
            path = snippets / f"{stem}_{framework.slug}.py"
            if not path.is_file():
                raise SystemExit(f"{READER}: task {task!r} needs snippets/{stem}_{framework.slug}.py, which does not exist")
            counts[task][framework.label] = code_lines(path.read_text(encoding="utf-8"))
    return counts


def lines_of_code_section(counts) -> None:
    labels = [framework.label for framework in TRAINING_FRAMEWORKS]
    print("### Lines of code per task\n")
    print("Code lines of the snippet each framework needs for the same task (blank lines, comments and the "
          "opening docstring not counted). Fewer is not always better: the extra lines are often the training "
          "loop that Keras hides and PyTorch shows.\n")
    totals = {label: sum(by_framework[label] for by_framework in counts.values()) for label in labels}
    rows = [[task, *(by_framework[label] for label in labels)] for task, by_framework in counts.items()]
    rows.append(["**All tasks**", *(f"**{totals[label]}**" for label in labels)])
    print(markdown_table(["Task", *labels], rows, "l" + "r" * len(labels)) + "\n")
    figure = go.Figure([go.Bar(name=f.label, x=list(counts), y=[counts[task][f.label] for task in counts], marker_color=f.colour)
                        for f in TRAINING_FRAMEWORKS])
    figure.update_layout(barmode="group", yaxis_title="lines of code", height=420)
    names = ", ".join(labels[:-1]) + f" and {labels[-1]}"
    print(chart_html(figure, f"Lines of code per task in {names}, counted from the site's snippets"))


def routes_section(deployment) -> None:
    print("\n### Export routes that worked in this build\n")
    print("Every route of the [deployment matrix](deployment.md#the-deployment-matrix) exported the same trained "
          "digits classifier, reloaded it and matched a float64 NumPy reference; the build fails when one does not.\n")
    rows = [[row["route"], f"yes, test accuracy {row['accuracy']:.4f}", f"{row['difference']:.1e}",
             f"{row['bytes'] / 1024:,.0f} KiB", f"{row['p50_ms'] * 1e3:.0f} µs"] for row in deployment]
    print(markdown_table(["Route", "Reloaded and checked", "Max difference", "File size", "Batch-1 latency p50"], rows, "llrrr"))
    figure = go.Figure(go.Bar(x=[row["route"] for row in deployment], y=[row["p50_ms"] * 1e3 for row in deployment]))
    figure.update_layout(yaxis_title="batch-1 latency p50 (µs)", height=400)
    print(chart_html(figure, "Batch-1 latency of the same digits classifier through each export route"))


def speed_section(cells, environment) -> None:
    print("\n### Speed, from the Benchmarks page\n")
    print(f"The digits MLP on 1 thread of this build's CPU ({environment['cpu']}); see the "
          "[Benchmarks](benchmarks.md) page for the method, the spread and all thread settings.\n")
    rows = []
    for slug in dict.fromkeys([*TRAINING_RUNTIMES, *SERVING_RUNTIMES]):
        runtime = RUNTIMES[slug]
        epoch, latency = measured(cells, slug, "mlp", "train_epoch", 1), measured(cells, slug, "mlp", "latency", 1)
        if epoch or latency:
            rows.append([FRAMEWORKS[runtime.framework].label, runtime.short_label,
                         f"{epoch['median'] * 1e3:.1f} ms" if epoch else "—", f"{latency['p50'] * 1e6:.0f} µs" if latency else "—"])
    print(markdown_table(["Written in", "Runtime", "One training epoch (median)", "Latency of one sample (p50)"], rows, "llrr"))
    trained = [(RUNTIMES[cell["runtime"]].short_label, cell) for cell in measured_cells(cells, TRAINING_RUNTIMES, "mlp", "train_epoch", 1)]
    figure = go.Figure(go.Bar(x=[name for name, _ in trained], y=[cell["median"] * 1e3 for _, cell in trained],
                              error_y=error_bars([cell for _, cell in trained])))
    figure.update_layout(yaxis_title="one MLP training epoch (ms)", height=400)
    print(chart_html(figure, "Training time of one MLP epoch in each framework, 1 thread, with interquartile range"))
    (fastest, quickest), (slowest, longest) = (min(trained, key=lambda t: t[1]["median"]), max(trained, key=lambda t: t[1]["median"]))
    print(f"\nFrom the fastest ({fastest}, {quickest['median'] * 1e3:.1f} ms) to the slowest ({slowest}, "
          f"{longest['median'] * 1e3:.1f} ms), one epoch of this small model takes "
          f"{longest['median'] / quickest['median']:.1f} times longer: for learning, any of them is fast enough.")


def main() -> None:
    counts = lines_of_code()
    deployment = measurements.load("deployment", READER, "gen_deployment_matrix.py (ONNX and deployment page)")
    benchmarks = measurements.load("benchmarks", READER, "gen_benchmarks.py (Benchmarks page)")
    lines_of_code_section(counts)
    routes_section(deployment)
    speed_section(benchmarks["cells"], benchmarks["environment"])


if __name__ == "__main__":
    main()
