"""The decision guide's data (scripts/facts/decision_guide.toml): read, checked, completed, ranked.

`load` checks every entry and names the first bad one in a GuideError: an unknown key or
framework, an answer with no outcome, a proof that is not a page of this site or whose
#anchor is not a heading of that page. `with_measured` turns the answers that say
`measure = "training"` or `"inference"` into points from this build's Benchmarks page. `rank`
is the ranking the page's script computes in the reader's browser; the tests hold them equal.
"""

import re
import tomllib
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from markdown.extensions.toc import slugify

from rosetta import paths
from rosetta.bench.report import duration, measured
from rosetta.entries import checked_keys
from rosetta.vocabulary import RUNTIMES, SERVING_RUNTIMES, TRAINING_FRAMEWORKS, TRAINING_RUNTIMES

FILE = "decision_guide.toml"
CANDIDATES = [framework.slug for framework in TRAINING_FRAMEWORKS]  # ranked, ties in this order
# What a measured answer reads from the Benchmarks page: the runtimes, the metric and its statistic.
MEASURES = {"training": (TRAINING_RUNTIMES, "train_epoch", "median", "one MLP training epoch"),
            "inference": (SERVING_RUNTIMES, "latency", "p50", "one-sample latency (p50)")}
MEASURED_POINTS = (2, 1)  # the fastest framework, the second


class GuideError(ValueError):
    """A bad entry of the guide's data, named in one line."""


@dataclass(frozen=True)
class Favour:
    framework: str
    points: int
    why: str  # inline Markdown
    proof: str  # a page of this site, with an optional #anchor
    route: str = ""  # how it runs where the answer says, when the answer is a place


@dataclass(frozen=True)
class Answer:
    id: str
    label: str
    favours: tuple[Favour, ...] = ()
    measure: str = ""


@dataclass(frozen=True)
class Question:
    id: str
    ask: str
    answers: tuple[Answer, ...]


def headings(page_text: str) -> set[str]:
    """The ids of a Markdown page's headings, as the toc extension writes them ({#id} where given)."""
    ids, fenced = set(), False
    for line in page_text.splitlines():
        fenced ^= line.lstrip().startswith("```")
        heading = None if fenced else re.match(r"#{1,6}\s+(.*?)\s*$", line)
        if heading:
            explicit = re.search(r"\{:?\s*#([\w-]+)[^}]*\}\s*$", heading.group(1))
            ids.add(explicit.group(1) if explicit else slugify(re.sub(r"[`*_]", "", heading.group(1)), "-"))
    return ids


@cache
def _page_headings(target: Path, modified: int) -> set[str]:
    """A page's heading ids, read once per version of the page however many proofs name it."""
    return headings(target.read_text(encoding="utf-8"))


def _checked_proof(proof: str, project: paths.Project, where: str) -> None:
    page, _, anchor = proof.partition("#")
    target = project.docs / page
    if not page.endswith(".md") or not target.is_file():
        raise GuideError(f"{where}: proof {proof!r} is not a page in docs/")
    if anchor and anchor not in _page_headings(target, target.stat().st_mtime_ns):
        raise GuideError(f"{where}: proof {proof!r}: {page} has no heading #{anchor}")


def _favour(entry: dict, project: paths.Project, where: str) -> Favour:
    checked_keys(entry, {"framework", "points", "why", "proof"}, {"route"}, where, GuideError)
    if entry["framework"] not in CANDIDATES:
        raise GuideError(f"{where}: unknown framework {entry['framework']!r} (known: {', '.join(CANDIDATES)})")
    if not isinstance(entry["points"], int) or isinstance(entry["points"], bool):
        raise GuideError(f"{where}: points = {entry['points']!r} is not a whole number")
    _checked_proof(entry["proof"], project, where)
    return Favour(**entry)


def _answer(entry: dict, project: paths.Project, where: str) -> Answer:
    checked_keys(entry, {"id", "label"}, {"favours", "measure"}, where, GuideError)
    where = f"{where} {entry['id']!r}"
    if "measure" in entry and entry["measure"] not in MEASURES:
        raise GuideError(f"{where}: unknown measure {entry['measure']!r} (known: {', '.join(MEASURES)})")
    if not entry.get("favours") and "measure" not in entry:
        raise GuideError(f"{where} has no outcome: give it favours or a measure")
    if entry.get("favours") and "measure" in entry:
        raise GuideError(f"{where} has both favours and a measure: keep one")
    favours = tuple(_favour(favour, project, f"{where}, favour {n}") for n, favour in enumerate(entry.get("favours", []), 1))
    return Answer(entry["id"], entry["label"], favours, entry.get("measure", ""))


def _unique(ids: list[str], what: str) -> None:
    repeated = sorted({item for item in ids if ids.count(item) > 1})
    if repeated:
        raise GuideError(f"{what} {repeated[0]!r} appears twice")


def load(project: paths.Project | None = None) -> list[Question]:
    project = project or paths.current()
    path = project.facts / FILE
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise GuideError(f"{FILE} is not valid TOML: {error}") from None
    questions = []
    for entry in data.get("questions", []):
        checked_keys(entry, {"id", "ask", "answers"}, set(), f"{FILE}: a question", GuideError)
        where = f"{FILE}: question {entry['id']!r}, answer"
        answers = tuple(_answer(answer, project, where) for answer in entry["answers"])
        _unique([answer.id for answer in answers], f"{FILE}: in question {entry['id']!r}, answer")
        questions.append(Question(entry["id"], entry["ask"], answers))
    _unique([question.id for question in questions], f"{FILE}: question")
    if not questions:
        raise GuideError(f"{FILE} has no questions")
    return questions


def fastest(cells, measure: str) -> dict[str, tuple[float, str]]:
    """Per framework, its quickest measured runtime for this measure: {slug: (seconds, runtime label)}."""
    runtimes, metric, statistic, _ = MEASURES[measure]
    best: dict[str, tuple[float, str]] = {}
    for slug in runtimes:
        cell = measured(cells, slug, "mlp", metric, 1)
        framework = RUNTIMES[slug].framework
        if cell and framework in CANDIDATES and (framework not in best or cell[statistic] < best[framework][0]):
            best[framework] = (cell[statistic], RUNTIMES[slug].label)
    return best


def _measured_favours(cells, measure: str) -> tuple[Favour, ...]:
    _, _, _, what = MEASURES[measure]
    times = fastest(cells, measure)
    order = sorted(times, key=lambda framework: times[framework][0])
    favours = []
    for place, framework in enumerate(order):
        seconds, runtime = times[framework]
        points = MEASURED_POINTS[place] if place < len(MEASURED_POINTS) else 0
        favours.append(Favour(framework, points, f"{what}: {duration(seconds)} ({runtime}), "
                              f"{'the fastest' if place == 0 else f'number {place + 1} of {len(order)}'} in this build",
                              "benchmarks.md"))
    return tuple(favours)


def with_measured(questions: list[Question], cells) -> list[Question]:
    """The questions with every measured answer's favours read from the Benchmarks page's cells."""
    return [replace(question, answers=tuple(replace(answer, favours=_measured_favours(cells, answer.measure))
                                            if answer.measure else answer for answer in question.answers))
            for question in questions]


def rank(questions: list[Question], chosen: dict[str, str]) -> list[tuple[str, int]]:
    """(framework, points) for the chosen answers ({question id: answer id}), best first, ties in CANDIDATES order."""
    points = dict.fromkeys(CANDIDATES, 0)
    for question in questions:
        for answer in question.answers:
            if chosen.get(question.id) == answer.id:
                for favour in answer.favours:
                    points[favour.framework] += favour.points
    return sorted(points.items(), key=lambda item: -item[1])  # sorted() is stable: ties keep CANDIDATES order
