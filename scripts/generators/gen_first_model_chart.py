"""Run the first-model snippets and chart the training loss each one prints."""

import re

import plotly.graph_objects as go

from rosetta import paths, processes, records
from rosetta.execution.reader import run_as_reader
from rosetta.rendering.charts import chart_html
from rosetta.vocabulary import TRAINING_FRAMEWORKS

READS = ("snippets/first_model/linear_*.py",)  # files besides its code
MEASUREMENTS = ()  # other pages' measurements it reads
RECORDS = ("snippets/first_model/linear_*.py",)  # the build's runs of these snippets, whose output it charts
# The lines coincide, so each is drawn thinner than the one below it: all of them stay visible.
DASHES = ("solid", "dash", "dot", "dashdot")
LOSS_LINE = re.compile(r"^epoch\s+(\d+)\s+loss\s+([\d.]+)$", re.MULTILINE)
RUN_TIMEOUT = 600


def output_of(path) -> str:
    """What the snippet printed in this build (each block runs once), or a run of it now, outside a build."""
    recorded = records.load(paths.current().relative(path))
    if recorded is not None:
        return recorded
    run = run_as_reader(path, timeout=RUN_TIMEOUT)
    if run.returncode != 0:
        raise processes.ChildFailed(f"{path.name} exited with status {run.returncode}: {processes.last_line(run.stderr)}")
    return run.stdout


def main() -> None:
    figure = go.Figure()
    count = len(TRAINING_FRAMEWORKS)
    for index, framework in enumerate(TRAINING_FRAMEWORKS):
        path = paths.current().snippets / "first_model" / f"linear_{framework.slug}.py"
        points = [(int(epoch), float(loss)) for epoch, loss in LOSS_LINE.findall(output_of(path))]
        if not points:
            raise SystemExit(f"gen_first_model_chart.py: {path.name} printed no 'epoch N loss X' line")
        epochs, losses = zip(*points)
        line = {"width": 2 + 2.5 * (count - 1 - index), "dash": DASHES[index % len(DASHES)], "color": framework.colour}
        figure.add_trace(go.Scatter(x=epochs, y=losses, name=framework.label, mode="lines", line=line))
    figure.update_layout(xaxis_title="epoch", yaxis_title="mean squared error (log scale)", yaxis_type="log", legend_title="framework")
    labels = [framework.label for framework in TRAINING_FRAMEWORKS]
    print(chart_html(figure, f"Training loss per epoch of the same linear model in {', '.join(labels[:-1])} and {labels[-1]}"))


if __name__ == "__main__":
    processes.run_main(main, __file__)
