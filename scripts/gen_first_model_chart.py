"""Run the first-model snippets and chart the training loss each one prints."""

import re

import plotly.graph_objects as go

from chart_html import chart_html
from snippet_runner import SNIPPETS, run_as_reader

TABS = {"PyTorch": "linear_pytorch.py", "TensorFlow": "linear_tensorflow.py", "Keras": "linear_keras.py"}
# The lines coincide, so each is drawn thinner than the one below it: all three stay visible.
LINES = {"PyTorch": {"width": 7}, "TensorFlow": {"width": 4, "dash": "dash"}, "Keras": {"width": 2, "dash": "dot"}}
LOSS_LINE = re.compile(r"^epoch\s+(\d+)\s+loss\s+([\d.]+)$", re.MULTILINE)

figure = go.Figure()
for framework, file_name in TABS.items():
    process = run_as_reader(SNIPPETS / "first_model" / file_name, timeout=600)
    process.check_returncode()
    points = [(int(epoch), float(loss)) for epoch, loss in LOSS_LINE.findall(process.stdout)]
    if not points:
        raise SystemExit(f"{file_name} printed no 'epoch N loss X' line")
    epochs, losses = zip(*points)
    figure.add_trace(go.Scatter(x=epochs, y=losses, name=framework, mode="lines", line=LINES[framework]))

figure.update_layout(
    xaxis_title="epoch",
    yaxis_title="mean squared error (log scale)",
    yaxis_type="log",
    legend_title="framework",
)
print(chart_html(figure, "Training loss per epoch of the same linear model in PyTorch, TensorFlow and Keras"))
