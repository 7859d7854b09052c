"""The pages that translate between frameworks: the translation table with its defaults, and the porting differences."""

import inspect
import re

from rosetta.translation.table import load
from support import parse


def test_the_translation_table_proves_forty_rows_within_their_tolerances_and_reads_the_defaults(site):
    table = load()
    article = parse(site / "translate" / "index.html").select_one("article")
    rows = {}
    for group in table.groups:
        heading = article.find(id=re.sub(r"[^a-z]+", "-", group.lower()).strip("-"))
        assert heading is not None, group
        for tr in heading.find_next("table").select("tbody tr"):
            cells = [cell.get_text(" ", strip=True) for cell in tr.select("td")]
            rows[cells[0]] = cells
    assert len(rows) == len(table.rows)
    proved = 0
    for row in table.rows:
        cells = next(cells for name, cells in rows.items() if name.startswith(row.block))
        if row.tolerance is None:
            assert cells[-1] == f"not compared: {row.unchecked}"
            continue
        shown = re.fullmatch(r"✓ (0|\d\.\de[-+]\d\d) \((exact|tolerance (\S+)); (\d) of (\d) computed\)", cells[-1])
        assert shown, cells[-1]
        assert float(shown[1]) <= row.tolerance and int(shown[4]) >= 2 and int(shown[5]) == len(row.cells)
        proved += 1
    assert proved >= 40
    defaults = article.find(id="defaults-read-from-the-installed-packages").find_next("table")
    values = {(tr.select("td")[0].get_text(strip=True), tr.select("td")[1].get_text(strip=True)): tr.select("td")[2].get_text(strip=True)
              for tr in defaults.select("tbody tr")}
    import torch  # the matrix says what the installed package says (imported here: only this test needs it)

    momentum = inspect.signature(torch.nn.BatchNorm2d).parameters["momentum"].default
    assert values[("Batch normalization", "momentum")] == f"momentum={momentum!r}"
    assert len(values) == len(table.defaults)


def test_the_porting_page_shows_fifteen_differences_each_cited_and_run(site):
    article = parse(site / "porting" / "index.html").select_one("article")
    shown = 0
    for heading in article.select("h3"):
        lead = heading.find_next("p")
        cited = [link["href"] for link in lead.select("a") if link["href"].startswith("https://")]
        assert cited and "(checked 20" in lead.get_text(), heading.get_text()
        output = heading.find_next("div", class_="tabbed-set").select("pre")[-1].get_text(" ")  # what the file printed
        assert len(re.findall(r"largest difference", output)) == 2 and "(tolerance " in output, heading.get_text()
        shown += 1
    assert shown >= 15
