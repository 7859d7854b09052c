"""The decision guide on the page: a form that ranks the frameworks as the reader answers, and the same
advice as a Markdown table for readers without JavaScript and for search.

The form and every reason are written here, from the guide's data, into the page; the page's script
(docs/javascripts/guide.js) only shows the reasons of the chosen answers, adds up their points and
orders the frameworks, as rosetta.guide.data.rank does. Without JavaScript the form is not shown
(a <noscript> style hides it); with it, it is there from the first paint, so nothing shifts.
"""

from html import escape

import markdown

from rosetta.bench.report import duration
from rosetta.guide.data import CANDIDATES, MEASURES, Question, fastest
from rosetta.rendering.tables import markdown_table
from rosetta.vocabulary import DEPLOYMENT_ROUTES, FRAMEWORKS

NO_ANSWER = "No preference"
FIRST_SUMMARY = "Answer any question: the frameworks below are ranked as you go."  # shown again when no answer is chosen


def inline_html(text: str) -> str:
    """Inline Markdown (code, emphasis) as HTML, without the paragraph around it."""
    return markdown.markdown(text).removeprefix("<p>").removesuffix("</p>")


def _reason(question: Question, answer, favour) -> str:
    to = f" → {escape(favour.route)}" if favour.route else ""
    points = f"{favour.points:+d}" if favour.points else "0"
    return (f'<li data-answer="{question.id}={answer.id}" data-points="{favour.points}" hidden>'
            f"<strong>{escape(answer.label)}</strong>{to}: {inline_html(favour.why)} "
            f'<span class="rosetta-guide__delta">({points})</span> <a href="{favour.proof}">shown here</a></li>')


def _measured_line(framework: str, quickest: dict) -> str:
    """`quickest`: {measure: fastest(cells, measure)}, read once for every framework's card."""
    parts = [f"{what} {duration(quickest[measure][framework][0])} ({escape(quickest[measure][framework][1])})"
             for measure, what in (("training", "one MLP epoch"), ("inference", "one-sample latency"))
             if framework in quickest[measure]]
    numbers = "; ".join(parts) or "nothing measured"
    return f'<p class="rosetta-guide__measured">Measured by this build: {numbers}. <a href="benchmarks.md">Method and spread</a></p>'


def _routes_line(framework: str, deployment: list[dict]) -> str:
    """The deployment matrix's rows that start from `framework`: how many ran, and the quickest of them."""
    rows = [row for row in deployment if DEPLOYMENT_ROUTES[row["slug"]].source == framework]
    if not rows:
        return '<p class="rosetta-guide__routes">No deployment route of this build starts from it.</p>'
    quickest = min(rows, key=lambda row: row["p50_ms"])
    names = ", ".join(escape(row["route"]) for row in rows)
    return (f'<p class="rosetta-guide__routes">Deployment routes this build ran from it: {len(rows)} ({names}); the quickest at '
            f"batch 1, {escape(quickest['route'])}, {quickest['p50_ms'] * 1e3:.0f} µs (p50). "
            '<a href="deployment.md#the-deployment-matrix">The matrix</a></p>')


def form(questions: list[Question], cells, deployment: list[dict]) -> str:
    """The interactive guide as one HTML block (no blank line, so Markdown leaves it as it is)."""
    lines = ['<noscript><style>.rosetta-guide{display:none}</style></noscript>', '<div class="rosetta-guide" id="rosetta-guide">',
             '<form class="rosetta-guide__questions" aria-label="What matters to you">']
    for question in questions:
        lines.append(f'<fieldset><legend>{escape(question.ask)}</legend>')
        lines.append(f'<label><input type="radio" name="{question.id}" value="" checked> {NO_ANSWER}</label>')
        lines += [f'<label><input type="radio" name="{question.id}" value="{answer.id}"> {escape(answer.label)}</label>'
                  for answer in question.answers]
        lines.append("</fieldset>")
    lines += ["</form>", f'<p class="rosetta-guide__summary" role="status" aria-live="polite">{FIRST_SUMMARY}</p>',
              '<ol class="rosetta-guide__ranking" aria-label="Frameworks, best match first">']
    quickest = {measure: fastest(cells, measure) for measure in MEASURES}
    for order, framework in enumerate(CANDIDATES):
        lines.append(f'<li class="rosetta-guide__framework" data-framework="{framework}" data-order="{order}">'
                     f'<p class="rosetta-guide__name"><strong>{FRAMEWORKS[framework].label}</strong> '
                     '<span class="rosetta-guide__points">0 points</span></p><ul class="rosetta-guide__reasons">')
        lines += [_reason(question, answer, favour) for question in questions for answer in question.answers
                  for favour in answer.favours if favour.framework == framework]
        lines.append("</ul>" + _measured_line(framework, quickest) + _routes_line(framework, deployment) + "</li>")
    lines += ["</ol>", "</div>"]
    return "\n".join(lines)


def _start_with(answer) -> str:
    favoured = sorted((favour for favour in answer.favours if favour.points > 0), key=lambda favour: -favour.points)
    if not favoured:
        return "no framework favoured"
    top = favoured[0].points
    names = [f"**{FRAMEWORKS[f.framework].label}**" if f.points == top else FRAMEWORKS[f.framework].label for f in favoured]
    return ", ".join(names)


def table(questions: list[Question]) -> str:
    """Every answer as a row: what it favours, and why, with the page that shows it."""
    rows = []
    for question in questions:
        for answer in question.answers:
            reasons = "; ".join(
                f"{FRAMEWORKS[f.framework].label}{f' ({f.route})' if f.route else ''}: {f.why} ([shown here]({f.proof}))"
                for f in sorted(answer.favours, key=lambda favour: -favour.points))
            rows.append([f"{question.ask} *{answer.label}*", _start_with(answer),
                         reasons.replace("|", "\\|") or "not measured in this build"])
    return markdown_table(["If you answer...", "It favours", "Why, and where this site shows it"], rows)
