"""Compare the text of two builds of the site, page by page, with measured timings masked.

Every number a build measures in time (µs, ms, s, samples/s, GFLOP/s, "times" faster or
slower, share of peak), every date, and the time stamps and process ids of framework log lines
are replaced by placeholders (so are temporary folders' names and the order of the fastest and
slowest runtimes, which timings decide), and the ⚠ marks that flag noisy timings are dropped; charts are left out (their data is those same timings). What
remains must be identical: it is what the snippets print.
"""

import difflib
import re
from pathlib import Path

from bs4 import BeautifulSoup

MASKS = [
    (re.compile(r"\d{4}-\d\d-\d\d"), "<date>"),
    (re.compile(r"[\d.,]+\s*(?:µs|ms|s)\s*±\s*[\d.,]+\s*(?:µs|ms|s)\b"), "<time>"),
    (re.compile(r"[\d.,]+(?:e[-+]?\d+)?\s*(?:µs|ms|s|samples/s|GFLOP/s|times)\b"), "<time>"),
    (re.compile(r"\d+% of"), "<share> of"),
    (re.compile(r"\s*⚠"), ""),
    # Log lines the frameworks write to a notebook's stderr: their time stamp and process id.
    (re.compile(r"\b[IWEF]\d{4} \d\d:\d\d:\d+\.\d+\s+\d+ "), "<log> "),
    (re.compile(r"/tmp/ipykernel_\d+/"), "/tmp/ipykernel_<pid>/"),
    (re.compile(r"/tmp/tmp\w+/"), "/tmp/<temporary>/"),
    # The decision guide names the fastest and slowest runtime: an order that timings decide.
    (re.compile(r"fastest \(.+?, <time>\) to the slowest \(.+?, <time>\)"), "fastest (<measured>) to the slowest (<measured>)"),
]


def masked_text(page_html: str) -> str:
    """The page's visible text, charts left out, timings and dates masked."""
    soup = BeautifulSoup(page_html, "html.parser")
    for chart in soup.select(".rosetta-chart, script, style"):
        chart.decompose()
    text = "\n".join(line.strip() for line in soup.get_text("\n").splitlines() if line.strip())
    for pattern, placeholder in MASKS:
        text = pattern.sub(placeholder, text)
    return text


def differences(first: Path, second: Path) -> list[str]:
    """One line per page that is missing from one build or whose masked text differs."""
    pages_a = {p.relative_to(first).as_posix() for p in first.rglob("*.html")}
    pages_b = {p.relative_to(second).as_posix() for p in second.rglob("*.html")}
    problems = [f"{name}: only in {first if name in pages_a else second}" for name in sorted(pages_a ^ pages_b)]
    for name in sorted(pages_a & pages_b):
        a = masked_text((first / name).read_text(encoding="utf-8")).splitlines()
        b = masked_text((second / name).read_text(encoding="utf-8")).splitlines()
        if a != b:
            changed = [line for line in difflib.unified_diff(a, b, lineterm="", n=0) if line[:1] in "+-" and line[:3] not in ("+++", "---")]
            problems.append(f"{name}: {len(changed)} lines differ, first: {changed[0]!r}")
    return problems
