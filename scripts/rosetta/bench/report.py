"""How the pages show benchmark cells: durations in the unit that fits, spreads, the missing and the failed."""


def duration(seconds: float) -> str:
    """Three significant digits in the unit that fits: µs, ms or s."""
    for unit, scale in (("µs", 1e6), ("ms", 1e3)):
        if seconds * scale < 1000:
            return f"{seconds * scale:.3g} {unit}"
    return f"{seconds:.3g} s"


def find(cells, runtime, workload, metric, threads, batch=None):
    """The cell measured for these coordinates; failing that, the one that says why it is missing."""
    for cell in cells:
        if (cell["runtime"], cell["workload"], cell["metric"], cell["threads"]) == (runtime, workload, metric, threads) \
                and cell.get("batch") == batch:
            return cell
    for cell in cells:  # no cell: say why
        if (cell["runtime"], cell["workload"], cell["threads"]) == (runtime, workload, threads) and cell["metric"] in (metric, "*"):
            return cell
    return None


def measured(cells, runtime, workload, metric, threads, batch=None):
    """The cell for these coordinates if it holds a measurement, else None."""
    cell = find(cells, runtime, workload, metric, threads, batch)
    return cell if cell and "median" in cell else None


def measured_cells(cells, runtimes, workload, metric, threads, batch=None) -> list[dict]:
    """The cells holding a measurement at these coordinates, one per runtime (slugs) that has one, in their order."""
    return [cell for runtime in runtimes if (cell := measured(cells, runtime, workload, metric, threads, batch))]


def shown(cell, render, missing="not measured") -> str:
    if cell is None:
        return missing
    if "error" in cell:
        return f"failed: `{cell['error'][:120]}`"
    if "note" in cell:
        return f"— ({cell['note']})"
    return render(cell)


def noisy(cell) -> str:
    return " ⚠" if cell["noisy"] else ""


def spread(cell) -> str:
    return f"{duration(cell['median'])} ± {duration(cell['iqr'] / 2)}{noisy(cell)}"


def percentiles(cell) -> str:
    return f"{duration(cell['p50'])} / {duration(cell['p90'])}{noisy(cell)}"


def samples_per_second(cell) -> str:
    return f"{cell['batch'] / cell['median']:,.0f} samples/s{noisy(cell)}"


def first_call(cell) -> str:
    return duration(cell["first_call_s"])


def first_of(*cells) -> str:
    """The first call of the first measured cell: the cost of tracing or compiling the model."""
    found = [cell for cell in cells if cell and "first_call_s" in cell]
    return first_call(found[0]) if found else "—"


def error_bars(cells, scale: float = 1e3) -> dict:
    """Plotly error bars spanning each cell's interquartile range around its median."""
    return {"type": "data", "symmetric": False, "array": [(cell["q3"] - cell["median"]) * scale for cell in cells],
            "arrayminus": [(cell["median"] - cell["q1"]) * scale for cell in cells]}
