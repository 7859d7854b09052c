"""The sentence under each chart of the Benchmarks page, written from the measured values it plots,
so that what the page says cannot contradict what it measured. With fewer than two values measured
(the others failed), there is nothing to compare and the sentence says so."""

import functools

from rosetta.bench.report import duration


def _comparing(sentence):
    """A finding `sentence(values, what)` that needs two values to compare."""
    @functools.wraps(sentence)
    def finding(values: dict, what: str) -> str:
        if len(values) < 2:
            return f"{what}: fewer than two runtimes were measured, so there is nothing to compare."
        return sentence(values, what)
    return finding


def _ends(values: dict[str, float]) -> tuple[tuple[str, float], tuple[str, float]]:
    ranked = sorted(values.items(), key=lambda item: item[1])
    return ranked[0], ranked[-1]


@_comparing
def quickest(values: dict[str, float], what: str) -> str:
    """`values`: label -> seconds (lower is better)."""
    (fast, low), (slow, high) = _ends(values)
    return (f"{what}: {fast} is the quickest ({duration(low)}) and {slow} the slowest ({duration(high)}), "
            f"{high / low:.1f} times as long.")


@_comparing
def busiest(values: dict[str, float], what: str) -> str:
    """`values`: label -> samples per second (higher is better)."""
    (few, low), (most, high) = _ends(values)
    return (f"{what}: {most} gets through the most samples per second ({high:,.0f}) and {few} the fewest "
            f"({low:,.0f}), {high / low:.1f} times as many on the first.")


@_comparing
def nearest_the_peak(shares: dict[str, float], what: str) -> str:
    """`shares`: label -> share of the measured peak, in (0, 1]."""
    (far, low), (near, high) = _ends(shares)
    return f"{what}: {near} comes nearest the machine's limit, at {high:.0%} of it, and {far} reaches {low:.0%}."


@_comparing
def steepest(growth: dict[str, tuple[float, float]], what: str) -> str:
    """`growth`: label -> (seconds at the smallest batch, at the largest); `what` names the two batches."""
    (flat, low), (steep, high) = _ends({label: last / first for label, (first, last) in growth.items()})
    return f"{what}, a call grows least on {flat} ({low:.1f} times as long) and most on {steep} ({high:.1f} times)."
