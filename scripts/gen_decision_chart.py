"""The decision guide's measured side: lines of code, export routes and timings, as tables and charts.

Lines of code are counted from the snippets on the site. Export routes and timings are what
the ONNX and deployment page and the Benchmarks page measured earlier in the same build
(scripts/measurements.py hands them over); nothing here is typed in.
"""

from pathlib import Path

import plotly.graph_objects as go

import measurements
from chart_html import chart_html
from code_lines import code_lines

SNIPPETS = Path(__file__).resolve().parent.parent / "snippets"
FRAMEWORKS = {"pytorch": "PyTorch", "tensorflow": "TensorFlow", "keras": "Keras"}
# Each task is one snippet per framework, shown on the site: snippets/<stem>_<framework>.py
TASKS = {
    "Tensor operations": "jobs/tensors",
    "Pick a device": "jobs/device",
    "A gradient": "jobs/gradient",
    "An optimization loop": "jobs/optimizer",
    "Batching data": "jobs/batching",
    "Train the first model": "first_model/linear",
}
# Runtimes of the Benchmarks page, by the framework a reader would write the model in.
TRAINING = {"pytorch": "PyTorch", "tf-function": "TensorFlow", "keras-tf-fit": "Keras", "keras-torch-fit": "Keras"}
LATENCY = {"pytorch": "PyTorch", "tf-function": "TensorFlow", "keras-tf-call": "Keras", "keras-torch-call": "Keras",
           "onnxruntime": "ONNX", "litert": "TensorFlow"}
READER = "gen_decision_chart.py"


def lines_of_code() -> dict[str, dict[str, int]]:
    counts = {}
    for task, stem in TASKS.items():
        counts[task] = {}
        for framework, label in FRAMEWORKS.items():
            path = SNIPPETS / f"{stem}_{framework}.py"
            if not path.is_file():
                raise SystemExit(f"{READER}: task {task!r} needs snippets/{stem}_{framework}.py, which does not exist")
            counts[task][label] = code_lines(path.read_text(encoding="utf-8"))
    return counts


def find(cells, runtime, metric):
    """The MLP's cell for one runtime and metric at 1 thread, if it was measured."""
    for cell in cells:
        if (cell["runtime"], cell["workload"], cell["metric"], cell["threads"]) == (runtime, "mlp", metric, 1) and "median" in cell:
            return cell
    return None


def runtime_label(runtime: str, framework: str) -> str:
    backend = {"keras-tf-fit": "TensorFlow", "keras-tf-call": "TensorFlow", "keras-torch-fit": "PyTorch", "keras-torch-call": "PyTorch"}
    return f"{framework} ({backend[runtime]} backend)" if runtime in backend else {"litert": "LiteRT", "onnxruntime": "ONNX Runtime"}.get(runtime, framework)


def main() -> None:
    counts = lines_of_code()
    deployment = measurements.load("deployment", READER, "gen_deployment_matrix.py (ONNX and deployment page)")
    benchmarks = measurements.load("benchmarks", READER, "gen_benchmarks.py (Benchmarks page)")
    cells, environment = benchmarks["cells"], benchmarks["environment"]

    print("### Lines of code per task\n")
    print("Code lines of the snippet each framework needs for the same task (blank lines, comments and the "
          "opening docstring not counted). Fewer is not always better: the extra lines are often the training "
          "loop that Keras hides and PyTorch shows.\n")
    print("| Task | " + " | ".join(FRAMEWORKS.values()) + " |")
    print("| --- | " + " | ".join("---:" for _ in FRAMEWORKS) + " |")
    for task, by_framework in counts.items():
        print(f"| {task} | " + " | ".join(str(by_framework[label]) for label in FRAMEWORKS.values()) + " |")
    totals = {label: sum(by_framework[label] for by_framework in counts.values()) for label in FRAMEWORKS.values()}
    print("| **All tasks** | " + " | ".join(f"**{totals[label]}**" for label in FRAMEWORKS.values()) + " |\n")
    figure = go.Figure([go.Bar(name=label, x=list(counts), y=[counts[task][label] for task in counts]) for label in FRAMEWORKS.values()])
    figure.update_layout(barmode="group", yaxis_title="lines of code", height=420)
    print(chart_html(figure, "Lines of code per task in PyTorch, TensorFlow and Keras, counted from the site's snippets"))

    print("\n### Export routes that worked in this build\n")
    print("Every route of the [deployment matrix](deployment.md#the-deployment-matrix) exported the same trained "
          "digits classifier, reloaded it and matched a float64 NumPy reference; the build fails when one does not.\n")
    print("| Route | Reloaded and checked | Max difference | File size | Batch-1 latency p50 |")
    print("| --- | --- | ---: | ---: | ---: |")
    for row in deployment:
        print(f"| {row['route']} | yes, test accuracy {row['accuracy']:.4f} | {row['difference']:.1e} "
              f"| {row['bytes'] / 1024:,.0f} KiB | {row['p50_ms'] * 1e3:.0f} µs |")
    figure = go.Figure(go.Bar(x=[row["route"] for row in deployment], y=[row["p50_ms"] * 1e3 for row in deployment]))
    figure.update_layout(yaxis_title="batch-1 latency p50 (µs)", height=400)
    print(chart_html(figure, "Batch-1 latency of the same digits classifier through each export route"))

    print("\n### Speed, from the Benchmarks page\n")
    print(f"The digits MLP on 1 thread of this build's CPU ({environment['cpu']}); see the "
          "[Benchmarks](benchmarks.md) page for the method, the spread and all thread settings.\n")
    print("| Written in | Runtime | One training epoch (median) | Latency of one sample (p50) |")
    print("| --- | --- | ---: | ---: |")
    for runtime in dict.fromkeys([*TRAINING, *LATENCY]):
        framework = TRAINING.get(runtime) or LATENCY[runtime]
        epoch, latency = find(cells, runtime, "train_epoch"), find(cells, runtime, "latency")
        if epoch or latency:
            epoch_ms = f"{epoch['median'] * 1e3:.1f} ms" if epoch else "—"
            latency_us = f"{latency['p50'] * 1e6:.0f} µs" if latency else "—"
            print(f"| {framework} | {runtime_label(runtime, framework)} | {epoch_ms} | {latency_us} |")
    trained = [(runtime_label(r, f), find(cells, r, "train_epoch")) for r, f in TRAINING.items()]
    trained = [(name, cell) for name, cell in trained if cell]
    figure = go.Figure(go.Bar(x=[name for name, _ in trained], y=[cell["median"] * 1e3 for _, cell in trained],
                              error_y={"type": "data", "symmetric": False,
                                       "array": [(cell["q3"] - cell["median"]) * 1e3 for _, cell in trained],
                                       "arrayminus": [(cell["median"] - cell["q1"]) * 1e3 for _, cell in trained]}))
    figure.update_layout(yaxis_title="one MLP training epoch (ms)", height=400)
    print(chart_html(figure, "Training time of one MLP epoch in each framework, 1 thread, with interquartile range"))
    (fastest, quickest), (slowest, longest) = (min(trained, key=lambda t: t[1]["median"]), max(trained, key=lambda t: t[1]["median"]))
    print(f"\nFrom the fastest ({fastest}, {quickest['median'] * 1e3:.1f} ms) to the slowest ({slowest}, "
          f"{longest['median'] * 1e3:.1f} ms), one epoch of this small model takes "
          f"{longest['median'] / quickest['median']:.1f} times longer: for learning, any of them is fast enough.")


if __name__ == "__main__":
    main()
