"""The strict build, and what the built pages show."""

import gzip
import json
import re
import tomllib

import pytest

from rosetta.bench.runtimes import RUNTIMES as BENCH_RUNTIMES
from rosetta.paths import REPO, current
from rosetta.rendering import facts
from rosetta.site import plotly_bundle
from rosetta.vocabulary import DEPLOYMENT_ROUTES, FRAMEWORKS, RUNTIMES, TRAINING_RUNTIMES
from support import pages, parse, why_it_failed

EXEC_LINE = re.compile(r"exec (docs/\S+)\s+(\S+)\s+(\S+)\s+([\d.]+) s")
SNIPPETS = REPO / "snippets"
PLOTLY_BUDGET_KIB = 500  # the partial plotly.js, gzip-compressed (issue 17: the full one is 1.47 MB)
# Terms a reader searches for, and the page the site's search index must find them on.
SEARCHED = tomllib.loads((REPO / "tests" / "site" / "search.toml").read_text(encoding="utf-8"))["index"]


def test_strict_build_succeeds_and_reports_every_block(site_build):
    site_dir, build, _ = site_build
    assert build.returncode == 0, why_it_failed(build)
    ran = {match[2] for match in EXEC_LINE.findall(build.stderr)}
    included = {path.relative_to(REPO).as_posix() for path in SNIPPETS.rglob("*.py")}
    assert included <= ran, f"blocks the build did not report: {included - ran}"
    assert "slowest:" in build.stderr
    assert "(cached)" not in build.stderr, "make build must run every block fresh"


def test_the_build_runs_in_parallel_and_says_what_ran_alone(site_build):
    _, build, _ = site_build
    summary = re.search(r"ran (\d+) jobs in [\d.]+ s wall, [\d.]+ s summed: a speed-up of [\d.]+ on (\d+) workers?", build.stderr)
    assert summary and int(summary.group(1)) >= len(list(SNIPPETS.rglob("*.py"))), build.stderr[-3000:]
    alone = re.search(r"ran alone \(they report timings\): (.*)", build.stderr).group(1)
    assert "snippets/timing/jit_compile_jax.py" in alone, alone
    timed_alone = dict(re.findall(r"(\S+) \((\d+) timings, [\d.]+ s of [\d.]+ s\)",
                                  re.search(r"timed alone \(every other job stopped while they timed\): (.*)", build.stderr).group(1)))
    for timed in ("scripts/generators/gen_benchmarks.py", "scripts/generators/gen_deployment_matrix.py", "docs/notebooks/digits_jax.py"):
        assert int(timed_alone.get(timed, 0)) >= 1, f"{timed} took no timing alone: {timed_alone}"
    assert re.search(r"exec docs/benchmarks\.md\s+\S+\s+scripts/generators/gen_benchmarks\.py\s+[\d.]+ s  \(timed alone\)", build.stderr)
    progress = re.findall(r"progress \[(\d+)/(\d+)\] \d+ s elapsed", build.stderr)
    assert progress and progress[-1][0] == progress[-1][1], "progress counts up to every job"


def test_every_code_block_on_a_page_was_executed(site):
    executable = {path.relative_to(REPO).as_posix() for path in current().executable_files()}
    for page in pages(site):
        article = parse(page).select_one("article")
        for block in article.select("pre"):
            cell = block.find_parent(class_="jp-CodeCell")  # a notebook cell, run by mkdocs-jupyter
            if cell is not None:
                prompt = cell.select_one(".jp-InputPrompt").get_text(strip=True)
                assert re.fullmatch(r"In\xa0?\[\d+\]:", prompt), f"{page.relative_to(site)}: a notebook cell that did not run"
                continue
            executed = block.find_parent(class_="rosetta-exec")
            assert executed is not None, f"{page.relative_to(site)}: a code block that no build ran:\n{block.text[:200]}"
            assert executed["data-source"] in executable, f"{page.relative_to(site)}: ran {executed['data-source']!r}"


def test_a_page_shows_exactly_what_its_file_prints(site, snippet_output):
    shown = set()
    for page in pages(site):
        for block in parse(page).select(".rosetta-exec"):
            source = REPO / block["data-source"]
            if not source.is_relative_to(SNIPPETS):
                continue  # generators print HTML or Markdown, rendered rather than shown
            code, output = block.select("pre")
            assert code.get_text().strip() == source.read_text(encoding="utf-8").strip()
            assert output.get_text().strip() == snippet_output(source).stdout.strip(), f"{page}: {source}"
            shown.add(source)
    assert shown == set(SNIPPETS.rglob("*.py"))


def test_every_page_states_versions_and_cpu(site):
    for page in pages(site):
        footer = parse(page).select_one(".md-copyright").get_text(" ", strip=True)
        assert re.search(r"built \d{4}-\d\d-\d\d on .+ \(\d+ cores\) with Python 3\.11\.\d+, PyTorch 2\.13\.0", footer), footer
        assert re.search(r"TensorFlow 2\.21\.\d+, Keras 3\.15\.\d+, JAX 0\.10\.\d+, Flax 0\.12\.\d+, optax [\d.]+, ONNX \d+\.\d+\.\d+, ONNX Runtime \d", footer), footer


def test_no_page_loads_anything_from_another_host(site):
    for page in [*pages(site), *site.rglob("*.css")]:
        text = page.read_text(encoding="utf-8")
        if page.suffix == ".html":
            soup = parse(page)
            loaded = [tag.get("src") for tag in soup.select("script[src], img[src], iframe[src]")]
            loaded += [tag.get("href") for tag in soup.select("link[href]") if "canonical" not in tag.get("rel", [])]
            loaded += [url for script in soup.select("script:not([src])") for url in re.findall(r"https?://[^\s\"'`)]+", script.text)]
            assert not soup.select('script[src=""]'), f"{page.relative_to(site)}: a script with an empty src requests the page itself"
        else:
            loaded = re.findall(r"url\(['\"]?([^)'\"]+)", text)
        remote = [url for url in loaded if re.match(r"(https?:)?//", url)]
        assert not remote, f"{page.relative_to(site)} loads {remote}"


def test_plotly_comes_from_the_site_and_only_chart_pages_have_charts(site):
    served = (site / "javascripts" / "plotly.min.js").read_bytes()
    assert served == plotly_bundle.BUNDLE.read_bytes(), "the site serves the partial bundle"
    assert len(gzip.compress(served)) <= PLOTLY_BUDGET_KIB * 1024
    charts = {page.relative_to(site).as_posix(): len(parse(page).select(".rosetta-chart")) for page in pages(site)}
    assert charts["first-model/index.html"] == 1
    for page in pages(site):
        assert "plotly.min.js" not in page.read_text(encoding="utf-8"), "pages fetch plotly.js on demand only"


@pytest.mark.parametrize("label", [framework.label for framework in FRAMEWORKS.values()])
def test_first_page_has_a_tab_per_framework_with_output(site, label):
    soup = parse(site / "first-model" / "index.html")
    tab_set = soup.select_one(".tabbed-set")
    labels = [tag.get_text(strip=True) for tag in tab_set.select(".tabbed-labels > label")]
    assert labels == [framework.label for framework in FRAMEWORKS.values()]
    block = tab_set.select(".tabbed-block")[labels.index(label)].select_one(".rosetta-exec")
    code, output = block.select("pre")
    assert "import" in code.get_text() and output.get_text().strip()


def test_every_tab_set_of_pytorch_tensorflow_and_keras_has_an_executed_jax_tab(site):
    """Wherever a page shows one idea in PyTorch, TensorFlow and Keras, it shows it in JAX too, run by the build."""
    others, seen = {FRAMEWORKS[slug].label for slug in ("pytorch", "tensorflow", "keras")}, 0
    for page in pages(site):
        for tab_set in parse(page).select(".tabbed-set"):
            labels = [tag.get_text(strip=True) for tag in tab_set.select(".tabbed-labels > label")]
            if not others <= set(labels):
                continue
            seen += 1
            where = f"{page.relative_to(site)}: tabs {labels}"
            assert FRAMEWORKS["jax"].label in labels, where
            block = tab_set.select(".tabbed-block")[labels.index(FRAMEWORKS["jax"].label)].select_one(".rosetta-exec")
            assert block and len(block.select("pre")) == 2 and block.select("pre")[1].get_text().strip(), where
    assert seen >= 9, "the tab sets of the home page, Your first model, the five jobs, the changes and the pitfalls"


def test_benchmarks_page_shows_every_cell_with_spread_and_stamp(site):
    article = parse(site / "benchmarks" / "index.html").select_one("article")
    text = article.get_text(" ", strip=True)
    assert re.search(r"Measured by this build: \d{4}-\d\d-\d\d, .+, \d+ cores, [\d.]+ GHz nominal", text)
    assert re.search(r"Threads: 1 and \d+\. Python 3\.11\.\d+, torch 2\.13\.0", text)
    tables = article.select("table")
    assert len(tables) == 4  # linear model, MLP, CNN, GEMM
    for table, workload in zip(tables[1:3], ("mlp", "cnn")):
        rows = [[cell.get_text(" ", strip=True) for cell in row.select("td")] for row in table.select("tbody tr")]
        assert {row[0] for row in rows} == {runtime.label for slug, runtime in RUNTIMES.items() if workload in BENCH_RUNTIMES[slug].workloads}
        for row in rows:
            assert all(cell and cell != "not measured" for cell in row), row
            assert re.search(r"± [\d.]+ (µs|ms|s)", row[2]) or row[2].startswith(("—", "failed:")), row
    # Compiled training: torch.compile's whole step, Keras with jit_compile=True on TensorFlow and PyTorch.
    compiled = {RUNTIMES[slug].label for slug in ("torch-compile-step", "keras-tf-fit-jit", "keras-torch-fit-jit")}
    rows = [[cell.get_text(" ", strip=True) for cell in row.select("td")] for row in tables[1].select("tbody tr")]
    compiled_rows = [row for row in rows if row[0] in compiled]
    assert {row[0] for row in compiled_rows} == compiled and all(row[1] == "1" for row in compiled_rows)
    for row in compiled_rows:  # its epoch measured, its first call (the compile) shown apart, and why it has no inference
        assert re.search(r"± [\d.]+ (µs|ms|s)", row[2]) and re.fullmatch(r"[\d.]+ (ms|s)", row[5]), row
        assert row[3] == row[4] == f"— ({BENCH_RUNTIMES['torch-compile-step'].cannot_predict})", row
    gemm_rows = [[cell.get_text(strip=True) for cell in row.select("td")] for row in tables[3].select("tbody tr")]
    assert {"PyTorch", "TensorFlow", "ONNX Runtime", "NumPy"} <= {row[0] for row in gemm_rows}
    shares = [int(re.fullmatch(r"(\d+)% of \d+", row[3])[1]) for row in gemm_rows]  # of the measured peak, never above it
    assert len(shares) == len(gemm_rows) and all(0 < share <= 100 for share in shares), gemm_rows
    assert re.search(r"(\d+) times before the frameworks are timed and \1 times after; the best run gives [\d.]+ GFLOP/s on 1 core", text)
    charts = article.select(".rosetta-chart")
    assert len(charts) == 5  # epochs, throughput, latency, GEMM share of the peak, latency growth
    html = str(article)
    assert html.index("rosetta-chart") < html.index("<table"), "the charts come before the tables"
    assert all(table.find_parent("details") for table in tables), "the full tables are folded"
    assert article.find("h2", id="method").find_all_previous("table"), "the method comes after the measurements"
    toc = [link.get_text(strip=True) for link in parse(site / "benchmarks" / "index.html").select(".md-sidebar--secondary .md-nav__link")]
    assert "Latency as the batch grows" in toc, "headings printed by a generator reach the table of contents"
    download = article.select_one("a[download]")["href"]
    published = json.loads((site / "benchmarks" / download).read_text(encoding="utf-8"))  # the file beside the page
    assert download == "dl-rosetta-benchmarks.json" and {"environment", "cells"} <= set(published)
    assert len(published["cells"]) > 50 and published["environment"]["cpu"] in text
    # Each chart's finding is the sentence after it, and agrees with the published measurements.
    findings = [chart.find_next("p").get_text(" ", strip=True) for chart in charts]
    epochs = {RUNTIMES[cell["runtime"]].label: cell["median"] for cell in published["cells"]
              if (cell["workload"], cell["metric"], cell["threads"]) == ("mlp", "train_epoch", 1) and "median" in cell}
    quickest, slowest = min(epochs, key=epochs.get), max(epochs, key=epochs.get)
    assert findings[0].startswith(f"One epoch at 1 thread: {quickest} is the quickest (") and f"and {slowest} the slowest" in findings[0]
    assert "comes nearest the machine's limit" in findings[3] and findings[4].startswith("From a batch of 1 to one of")


@pytest.mark.parametrize("name", ["comparison", "ecosystem"])
def test_fact_tables_show_every_column_and_each_quote_under_its_table(site, name):
    table = facts.read_table(name)
    article = parse(site / name / "index.html").select_one("article")
    headers = [cell.get_text(strip=True) for cell in article.select("table thead th")]
    assert headers == ["", *table["columns"]] and "JAX" in headers
    quoted = [citation for row in table["rows"] for cell in row["cells"] for citation in facts.citations(cell) if "quote" in citation]
    notes = article.select(".footnote li")
    assert len(article.select("table sup a.footnote-ref")) == len(notes) == len(quoted) > 0
    for note, citation in zip(notes, quoted):  # in reading order, each beside its own source
        text = " ".join(note.get_text(" ", strip=True).split())
        assert " ".join(citation["quote"].split()) in text and citation["source"] in str(note), text
        assert re.search(rf"checked {citation['checked'].day} \w+ {citation['checked'].year}", text), text


def test_at_least_two_fifths_of_the_fact_cells_are_measured_by_the_build(site):
    cells = measured = 0
    for name in ("comparison", "ecosystem"):
        rows = parse(site / name / "index.html").select_one("article table").select("tbody tr")
        for row in rows:
            for cell in row.select("td")[1:]:
                cells += 1
                measured += "(measured by this build)" in cell.get_text(" ")
    assert cells > 100 and measured / cells >= 0.4, (measured, cells)
    comparison = " ".join(parse(site / "comparison" / "index.html").select_one("article table").get_text().split())
    assert re.search(r"keras \S+: export\(format=\.\.\.\) takes tf_saved_model, onnx, openvino, litert", comparison)
    # the ecosystem's TensorBoard cell says it is installed on its own: the installed TensorFlow must agree
    assert re.search(r"tensorflow \S+ does not require tensorboard", parse(site / "ecosystem" / "index.html").get_text())


def test_every_guide_page_opens_with_what_it_answers(site):
    for page in pages(site):
        if page.parent == site:
            continue  # the home page introduces the whole site
        first = parse(page).select_one("article h1 ~ p")
        assert first and re.match(r"What this (page|notebook) answers:", first.get_text()), f"{page.relative_to(site)}: {first}"


@pytest.mark.parametrize("location", SEARCHED)
def test_search_index_holds_each_topic_on_its_page(site, location):
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    text = " ".join(f"{doc['title']} {doc['text']}" for doc in index if doc["location"].split("#")[0] == location).lower()
    assert text, f"{location} is not in the search index"
    missing = [term for term in SEARCHED[location] if term.lower() not in text]
    assert not missing, f"{location}: the search index lacks {missing}"


def test_the_home_page_opens_with_what_this_build_ran_and_measured(site_build):
    site_dir, build, _ = site_build
    proof = parse(site_dir / "index.html").select_one("article .rosetta-proof")
    text = " ".join(proof.get_text(" ", strip=True).split())
    ran = {match[2] for match in EXEC_LINE.findall(build.stderr) if match[2].endswith(".py") and not match[2].startswith("docs/")}
    assert re.search(rf"\b{len(ran)} code files and \d+ notebook runs executed for \d+ pages", text), (len(ran), text)
    assert f"{len(DEPLOYMENT_ROUTES)} deployment routes agree" in text
    assert re.search(r"on \d{4}-\d\d-\d\d on .+ \(\d+ cores\)", text)
    bars = proof.select("svg.rosetta-bars rect")
    assert len(bars) == len(TRAINING_RUNTIMES), "a bar per framework's way to train"
    widths = [float(bar["width"]) for bar in bars]
    assert widths == sorted(widths) and widths[0] > 0, "quickest first"
    assert not parse(site_dir / "index.html").select(".rosetta-chart"), "the home page loads no plotly.js"


def test_the_decision_guide_waits_for_its_script_and_its_advice_is_a_table_without_it(site):
    from rosetta.guide.data import load

    html = parse(site / "which-framework" / "index.html")
    assert html.select_one("#rosetta-guide").find_previous("noscript").style.string == ".rosetta-guide{display:none}"
    heading = html.find(id="the-same-advice-as-a-table")
    table = heading.find_next("table")
    answers = [(question.ask, answer.label) for question in load() for answer in question.answers]
    rows = [row.select("td")[0].get_text(" ", strip=True) for row in table.select("tbody tr")]
    assert rows == [f"{ask} {label}" for ask, label in answers]
    links = [link["href"] for link in [*html.select("#rosetta-guide a"), *table.select("a")]]
    assert len(links) > 2 * len(answers) and not [href for href in links if ".md" in href], "proof links point at built pages"


def test_every_deployment_route_runs_on_the_project_s_pins(site):
    """The build marks a route that fails and measures the others; on the project's own pins, none may fail."""
    matrix = next(table for table in parse(site / "deployment" / "index.html").select("table")
                  if table.th and table.th.get_text() == "Route")
    sizes = {row.td.get_text(): row.select("td")[1].get_text() for row in matrix.select("tbody tr")}
    assert list(sizes) == [route.label for route in DEPLOYMENT_ROUTES.values()]
    assert not [route for route, size in sizes.items() if not size.endswith("KiB")], f"failed on these pins: {sizes}"


def test_every_table_comes_wrapped_and_styled_from_the_build_and_code_without_plain_spans(site):
    from rosetta.site.highlighting import PLAIN_TOKENS
    from rosetta.site.tables import MARKER, TABLE_CLASS

    wrapped = 0
    for built in pages(site):
        page = parse(built)
        assert not page.select("article table:not([class])"), f"{built}: a table is left for the theme's script to wrap"
        for table in page.select(f"table.{TABLE_CLASS}"):
            assert table.parent.parent.get("tabindex") == "0", f"{built}: a wrapped table a keyboard cannot scroll"
            wrapped += 1
        assert not page.select(", ".join(f"div.highlight pre span.{token}" for token in PLAIN_TOKENS)), built
    assert wrapped >= 20  # the fact tables, the translation table's sections, the benchmarks' full tables...
    theme_stylesheet, = (site / "assets" / "stylesheets").glob("main.*.min.css")
    assert MARKER in theme_stylesheet.read_text(encoding="utf-8")
