"""Every chart of the built site carries its static picture, drawn by the build from the same figure."""

import json
import re
from collections import Counter

from rosetta.site.static_charts import GRID, PALETTE, TEXT
from support import pages, parse


def titles(figure: dict) -> list[str]:
    """What a figure writes besides its numbers: its axes' and subplots' titles, and its legend."""
    layout = figure["layout"]
    axes = [value["title"]["text"] for key, value in layout.items()
            if re.fullmatch(r"[xy]axis\d*", key) and isinstance(value.get("title"), dict) and value["title"].get("text")]
    shown = layout.get("showlegend", True) and len(figure["data"]) > 1
    legend = [trace["name"] for trace in figure["data"] if trace.get("name")] if shown else []
    return axes + [note["text"] for note in layout.get("annotations", [])] + legend


def test_every_chart_holds_a_picture_of_its_own_figure_in_the_palette_s_colours(site):
    charts = 0
    for built in pages(site):
        page = parse(built)
        ids = Counter()
        for chart in page.select(".rosetta-chart"):
            charts += 1
            where = f"{built.relative_to(site)}: chart {chart['aria-label']!r}"
            pictures = chart.select("svg.rosetta-chart__static")
            assert len(pictures) == 1 and chart.find(True) is pictures[0], f"{where}: one picture, first"
            picture, figure = pictures[0], json.loads(chart.select_one("script[type='application/json']").string)
            assert picture["aria-hidden"] == "true", f"{where}: the chart's label describes it, not the picture's text"
            words = " ".join(text.get_text() for text in picture.select("text"))
            expected = titles(figure)
            assert expected and all(title in words for title in expected), f"{where}: {expected} not all in {words[:200]!r}"
            markup = str(picture)
            assert TEXT not in markup and GRID not in markup, f"{where}: a stand-in colour was left"
            assert PALETTE[TEXT] in markup, f"{where}: its text does not follow the palette"
            ids.update(element["id"] for element in picture.select("[id]"))
        # Two charts on a page never share an id (a picture's clip paths would clip the other's).
        assert not [name for name, count in ids.items() if count > 1], f"{built.relative_to(site)}: ids shared"
    assert charts >= 10
