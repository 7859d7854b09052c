"""The sentence under each chart of the Benchmarks page, written from the measured values it plots,
so that what the page says cannot contradict what it measured. With fewer than two values measured
(the others failed), there is nothing to compare and the sentence says so."""

from rosetta.bench.report import duration


def _ends(values: dict[str, float]) -> tuple[tuple[str, float], tuple[str, float]]:
    ranked = sorted(values.items(), key=lambda item: item[1])
    return ranked[0], ranked[-1]


def _too_few(values: dict, what: str) -> str | None:
    return None if len(values) > 1 else f"{what}: fewer than two runtimes were measured, so there is nothing to compare."


def quickest(values: dict[str, float], what: str) -> str:
    """`values`: label -> seconds (lower is better)."""
    if (nothing := _too_few(values, what)) is not None:
        return nothing
    (fast, low), (slow, high) = _ends(values)
    return (f"{what}: {fast} is the quickest ({duration(low)}) and {slow} the slowest ({duration(high)}), "
            f"{high / low:.1f} times as long.")


def busiest(values: dict[str, float], what: str) -> str:
    """`values`: label -> samples per second (higher is better)."""
    if (nothing := _too_few(values, what)) is not None:
        return nothing
    (few, low), (most, high) = _ends(values)
    return (f"{what}: {most} gets through the most samples per second ({high:,.0f}) and {few} the fewest "
            f"({low:,.0f}), {high / low:.1f} times as many on the first.")


def nearest_the_peak(shares: dict[str, float], what: str) -> str:
    """`shares`: label -> share of the measured peak, in (0, 1]."""
    if (nothing := _too_few(shares, what)) is not None:
        return nothing
    (far, low), (near, high) = _ends(shares)
    return f"{what}: {near} comes nearest the machine's limit, at {high:.0%} of it, and {far} reaches {low:.0%}."


def steepest(growth: dict[str, tuple[float, float]], smallest: int, largest: int) -> str:
    """`growth`: label -> (seconds at the smallest batch, at the largest)."""
    if (nothing := _too_few(growth, f"From a batch of {smallest} to one of {largest}")) is not None:
        return nothing
    (flat, low), (steep, high) = _ends({label: last / first for label, (first, last) in growth.items()})
    return (f"From a batch of {smallest} to one of {largest}, a call grows least on {flat} ({low:.1f} times as long) "
            f"and most on {steep} ({high:.1f} times).")
