"""The decision guide's data, ranking and HTML (rosetta.guide), on the real data and on broken copies."""

import os
import shutil
import subprocess
import sys

import pytest
from bs4 import BeautifulSoup

from rosetta import measurements, paths
from rosetta.guide import page
from rosetta.guide.data import CANDIDATES, FILE, MEASURED_POINTS, GuideError, headings, load, rank, with_measured
from rosetta.vocabulary import DEPLOYMENT_ROUTES, RUNTIMES, TRAINING_RUNTIMES

GENERATOR = paths.REPO / "scripts" / "generators" / "gen_decision_guide.py"


def epoch_cells(seconds_by_runtime: dict[str, float]) -> list[dict]:
    return [{"runtime": runtime, "workload": "mlp", "metric": "train_epoch", "threads": 1, "median": seconds}
            for runtime, seconds in seconds_by_runtime.items()]


def test_every_answer_of_the_guide_has_an_outcome_and_every_proof_is_a_heading_of_the_site():
    questions = load()  # checks every proof's page and heading
    assert len(questions) >= 5
    for question in questions:
        assert len(question.answers) >= 2, question.id
        for answer in question.answers:
            assert answer.favours or answer.measure, (question.id, answer.id)


def test_with_no_answer_every_framework_ties_in_the_vocabulary_s_order():
    assert rank(load(), {}) == [(framework, 0) for framework in CANDIDATES]


@pytest.mark.parametrize("question", load(), ids=lambda question: question.id)
def test_one_answer_alone_ranks_first_the_framework_it_favours_most(question):
    for answer in (answer for answer in question.answers if answer.favours):
        most = max(favour.points for favour in answer.favours)
        strongest = [f.framework for f in answer.favours if f.points == most]
        first_framework, first_points = rank([question], {question.id: answer.id})[0]
        assert first_points == most and first_framework == min(strongest, key=CANDIDATES.index), answer.id


def test_points_of_two_answers_add_up():
    questions = load()
    alone = [dict(rank(questions, {question.id: question.answers[0].id})) for question in questions[:2]]
    together = dict(rank(questions, {question.id: question.answers[0].id for question in questions[:2]}))
    assert together == {framework: alone[0][framework] + alone[1][framework] for framework in CANDIDATES}


def test_a_speed_answer_gives_its_points_to_the_fastest_frameworks_of_the_build():
    # Each framework's training runtime takes (its place + 1) * 10 ms, the last one fastest.
    cells = epoch_cells({runtime: 0.01 * (len(TRAINING_RUNTIMES) - place) for place, runtime in enumerate(TRAINING_RUNTIMES)})
    speed = next(question for question in with_measured(load(), cells) if any(a.measure == "training" for a in question.answers))
    answer = next(answer for answer in speed.answers if answer.measure == "training")
    by_speed = sorted({RUNTIMES[r].framework: cell["median"] for r, cell in zip(TRAINING_RUNTIMES, cells)}.items(), key=lambda item: item[1])
    points = {favour.framework: favour.points for favour in answer.favours}
    assert [points[framework] for framework, _ in by_speed[:2]] == list(MEASURED_POINTS)
    assert rank([speed], {speed.id: "training"})[0][0] == by_speed[0][0]
    assert "the fastest in this build" in next(f.why for f in answer.favours if f.framework == by_speed[0][0])


def test_the_form_holds_every_answer_and_every_reason_with_its_points():
    questions = load()
    html = BeautifulSoup(page.form(questions, epoch_cells({}), []), "html.parser")
    assert html.select_one("noscript style").string == ".rosetta-guide{display:none}", "without JavaScript, no form"
    assert not html.select_one("#rosetta-guide").has_attr("hidden"), "with it, the form is there from the first paint"
    for question in questions:
        fieldset = next(f for f in html.select("fieldset") if f.legend.get_text() == question.ask)
        values = [radio["value"] for radio in fieldset.select("input[type=radio]")]
        assert values == ["", *(answer.id for answer in question.answers)]
        assert all(radio.parent.name == "label" for radio in fieldset.select("input")), "every control has its label"
    for framework in CANDIDATES:
        shown = {(item["data-answer"], int(item["data-points"])) for item in html.select(f"[data-framework={framework}] [data-answer]")}
        expected = {(f"{question.id}={answer.id}", favour.points) for question in questions for answer in question.answers
                    for favour in answer.favours if favour.framework == framework}
        assert shown == expected, framework
    assert [card["data-framework"] for card in html.select(".rosetta-guide__framework")] == CANDIDATES


def test_the_static_table_has_a_row_per_answer_each_with_its_proof():
    questions = with_measured(load(), epoch_cells({runtime: 0.01 for runtime in TRAINING_RUNTIMES}))  # no latency
    rows = page.table(questions).splitlines()[2:]
    assert len(rows) == sum(len(question.answers) for question in questions)
    unmeasured = [line for line in rows if "*Inference latency*" in line]
    assert len(unmeasured) == 1 and "not measured in this build" in unmeasured[0]
    assert all("shown here" in line for line in rows if line not in unmeasured)


def test_headings_are_read_as_the_toc_extension_writes_their_ids():
    text = "# Title\n## PyTorch → ONNX\n```python\n# not a heading\n```\n### `jit`: compiled {#own-id}\n"
    assert headings(text) == {"title", "pytorch-onnx", "own-id"}


@pytest.fixture
def broken_guide(tmp_path):
    """A copy of the project's pages and guide data, to break one entry of."""
    shutil.copytree(paths.REPO / "docs", tmp_path / "docs", ignore=shutil.ignore_patterns("notebooks", "overrides"))
    (tmp_path / "scripts" / "facts").mkdir(parents=True)
    data = tmp_path / "scripts" / "facts" / FILE
    shutil.copy(paths.REPO / "scripts" / "facts" / FILE, data)

    def breaking(old: str, new: str) -> paths.Project:
        text = data.read_text(encoding="utf-8")
        assert text.count(old) >= 1, old
        data.write_text(text.replace(old, new, 1), encoding="utf-8")
        return paths.Project(tmp_path)
    return breaking


@pytest.mark.parametrize("old, new, message", [
    ('framework = "keras", points = 2, why = "`compile`', 'framework = "keras2", points = 2, why = "`compile`',
     "question 'goal', answer 'learning', favour 1: unknown framework 'keras2'"),
    ('proof = "first-model.md#training-in-each-framework" },\n  { framework = "pytorch"',
     'proof = "first-model.md#no-such-heading" },\n  { framework = "pytorch"',
     "question 'goal', answer 'learning', favour 1: proof 'first-model.md#no-such-heading': first-model.md has no heading #no-such-heading"),
    ('proof = "ecosystem.md"', 'proof = "missing.md"', "question 'goal', answer 'language', favour 1: proof 'missing.md' is not a page in docs/"),
    ('measure = "inference"', 'measure = "memory"', "question 'speed', answer 'inference': unknown measure 'memory'"),
    ('label = "Inference latency"\nmeasure = "inference"', 'label = "Inference latency"',
     "question 'speed', answer 'inference' has no outcome"),
    ('id = "phone"', 'id = "server"', "in question 'target', answer 'server' appears twice"),
    ('points = 3, why = "Hugging Face', 'points = "many", why = "Hugging Face', "points = 'many' is not a whole number"),
])
def test_a_bad_entry_is_named_in_one_line(broken_guide, old, new, message):
    project = broken_guide(old, new)
    with pytest.raises(GuideError) as raised:
        load(project)
    assert message in str(raised.value) and "\n" not in str(raised.value)


def test_the_generator_stops_on_a_bad_entry_with_one_line_and_prints_nothing(broken_guide, tmp_path):
    project = broken_guide('framework = "jax", points = 3, why = "keep it', 'framework = "flax", points = 3, why = "keep it')
    run = subprocess.run([sys.executable, str(GENERATOR)], capture_output=True, text=True,
                         env=os.environ | {paths.PROJECT_VARIABLE: str(project.root), measurements.FOLDER_VARIABLE: str(tmp_path)})
    assert run.returncode == 1 and run.stdout == ""
    assert run.stderr.strip() == ("gen_decision_guide.py: decision_guide.toml: question 'stack', answer 'jax', favour 1: "
                                  "unknown framework 'flax' (known: pytorch, tensorflow, keras, jax)")


def test_each_framework_s_card_lists_the_deployment_routes_that_start_from_it_and_the_quickest():
    # Every route measured, the later in the matrix the quicker; but ONNX from Keras, which failed (absent).
    rows = [{"slug": slug, "route": route.label, "p50_ms": 1.0 / (place + 1)}
            for place, (slug, route) in enumerate(DEPLOYMENT_ROUTES.items()) if slug != "onnx-from-keras"]
    html = BeautifulSoup(page.form(load(), epoch_cells({}), rows), "html.parser")
    for framework in CANDIDATES:
        line = html.select_one(f"[data-framework={framework}] .rosetta-guide__routes").get_text()
        mine = [row for row in rows if DEPLOYMENT_ROUTES[row["slug"]].source == framework]
        assert mine, f"{framework}: the matrix has routes from every framework"
        names = ", ".join(row["route"] for row in mine)
        assert line.startswith(f"Deployment routes this build ran from it: {len(mine)} ({names}); ")
        assert f"the quickest at batch 1, {mine[-1]['route']}, {mine[-1]['p50_ms'] * 1e3:.0f} µs" in line
    assert "ONNX from Keras" not in html.select_one("[data-framework=keras] .rosetta-guide__routes").get_text()
    lonely = BeautifulSoup(page.form(load(), epoch_cells({}), []), "html.parser")
    assert lonely.select_one("[data-framework=jax] .rosetta-guide__routes").get_text().startswith("No deployment route")
