"""Compare the digits notebooks' runs: curves, accuracy, time, code.

The build runs each notebook once (docs/notebooks/digits_<framework>.py, in a fresh kernel from an
empty folder; its timed training cell with every other job stopped), and the
Keras one once per backend; this generator reads those runs' recorded output. Run by hand, outside
a build, it runs each notebook itself as a plain script. The build fails if a run fails or misses
the 95% accuracy bar.
"""

import re
import sys
import tempfile

import nbformat
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from rosetta import paths, processes, records
from rosetta.execution.reader import reader_environment
from rosetta.rendering.charts import chart_html
from rosetta.rendering.code_lines import code_lines
from rosetta.rendering.tables import markdown_table
from rosetta.site.plan import DEFAULT_BACKEND, NotebookRun
from rosetta.vocabulary import KERAS_BACKENDS, TRAINING_FRAMEWORKS, keras_on

READS = ("docs/notebooks/digits_*.py",)  # files besides its code
MEASUREMENTS = ()  # other pages' measurements it reads
RECORDS = ("docs/notebooks/digits_*.py",)  # the build's runs of the notebooks, whose output it reads
ACCURACY_BAR = 0.95
NOTEBOOK_TIMEOUT = 900
EPOCH = re.compile(r"^epoch\s+(\d+)\s+loss (\S+)\s+test accuracy (\S+)$", re.MULTILINE)


def runs() -> dict[str, tuple[str, dict]]:
    """label: (notebook, extra environment), for every framework that trains; Keras once per backend."""
    planned = {}
    for framework in TRAINING_FRAMEWORKS:
        notebook = f"digits_{framework.slug}.py"
        if framework.slug == "keras":
            planned |= {keras_on(backend): (notebook, {"KERAS_BACKEND": backend}) for backend in KERAS_BACKENDS}
        else:
            planned[framework.label] = (notebook, {})
    return planned


def recorded_run(name: str, extra_env: dict) -> str | None:
    """What the build's run of the notebook printed, or None outside a build."""
    project = paths.current()
    backend = extra_env.get("KERAS_BACKEND")
    executed = records.load(NotebookRun(project.notebooks / name, None if backend in (None, DEFAULT_BACKEND) else backend).name(project))
    if executed is None:
        return None
    cells = nbformat.reads(executed, as_version=4).cells
    return "".join(output.get("text", "") for cell in cells for output in cell.get("outputs", [])
                   if output.get("output_type") == "stream" and output.get("name") == "stdout")


def run_notebook(name: str, extra_env: dict) -> dict:
    recorded = recorded_run(name, extra_env)
    if recorded is not None:
        return parse(recorded, name)
    script = paths.current().notebooks / name
    with tempfile.TemporaryDirectory(prefix="rosetta-notebook-") as folder:
        run = processes.run_checked([sys.executable, str(script)], name=name, timeout=NOTEBOOK_TIMEOUT, cwd=folder,
                                    env=reader_environment() | extra_env)
    return parse(run.stdout, name)


def parse(output: str, name: str) -> dict:
    epochs = [(int(e), float(loss), float(accuracy)) for e, loss, accuracy in EPOCH.findall(output)]
    result = {
        "epochs": epochs,
        "seconds": float(re.search(r"^training time (\S+) s$", output, re.MULTILINE).group(1)),
        "accuracy": float(re.search(r"^final test accuracy (\S+)$", output, re.MULTILINE).group(1)),
        "checksum": re.search(r"^initial weights checksum: (\S+)$", output, re.MULTILINE).group(1),
        "backend": (re.search(r"Keras backend: (\w+)", output) or [None, "-"])[1],
    }
    if result["accuracy"] < ACCURACY_BAR:
        sys.exit(f"gen_side_by_side.py: {name} reached {result['accuracy']:.4f} test accuracy, under {ACCURACY_BAR}")
    return result


def curves(results) -> str:
    figure = make_subplots(rows=1, cols=2, subplot_titles=("training loss", "test accuracy"))
    for label, result in results.items():
        epochs = [e for e, _, _ in result["epochs"]]
        figure.add_trace(go.Scatter(x=epochs, y=[loss for _, loss, _ in result["epochs"]], name=label, legendgroup=label,
                                    mode="lines+markers"), row=1, col=1)
        figure.add_trace(go.Scatter(x=epochs, y=[acc for _, _, acc in result["epochs"]], name=label, legendgroup=label,
                                    mode="lines+markers", showlegend=False), row=1, col=2)
    figure.update_xaxes(title_text="epoch")
    figure.update_layout(height=440)
    return chart_html(figure, "Training loss and test accuracy per epoch of the digits notebooks, one line per framework")


def main() -> None:
    planned = runs()
    results = {label: run_notebook(name, env) for label, (name, env) in planned.items()}
    print(curves(results))
    notebooks = paths.current().notebooks
    rows = []
    for label, (name, _) in planned.items():
        result = results[label]
        lines = code_lines((notebooks / name).read_text(encoding="utf-8"))
        rows.append([label, result["backend"], f"{result['accuracy']:.4f}", f"{result['epochs'][-1][1]:.4f}",
                     f"{result['seconds']:.2f} s", lines, result["checksum"]])
    print("\n" + markdown_table(["Run", "Backend", "Final test accuracy", "Final loss", "Training time, 20 epochs (one run)",
                                 "Lines of code", "Initial weights checksum"], rows, "llrrrrr"))
    losses = [[loss for _, loss, _ in result["epochs"]] for result in results.values()]
    spread = max(max(column) - min(column) for column in zip(*losses))
    print(f"\nAcross the {len(results)} runs, the training losses of the same epoch differ by at most {spread:.4f}. "
          "Lines of code count the notebook's code cells without blank or comment lines.")


if __name__ == "__main__":
    processes.run_main(main, __file__)
