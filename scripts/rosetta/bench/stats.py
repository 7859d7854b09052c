"""Summaries of timing samples: median and spread, as the benchmark pages report them."""

import statistics

NOISY_IQR_RATIO = 0.10  # a cell whose IQR is over 10% of its median is flagged as noisy


def summarize(samples: list[float]) -> dict:
    """Median, quartiles, IQR/median (flagged above 10%), and p50/p90 of `samples`."""
    if len(samples) < 2:
        raise ValueError(f"need at least 2 samples to measure a spread, got {len(samples)}")
    q1, median, q3 = statistics.quantiles(samples, n=4, method="inclusive")
    deciles = statistics.quantiles(samples, n=10, method="inclusive")
    iqr = q3 - q1
    ratio = iqr / median if median > 0 else float("inf")
    return {
        "n": len(samples),
        "median": median,
        "q1": q1,
        "q3": q3,
        "iqr": iqr,
        "iqr_ratio": ratio,
        "noisy": ratio > NOISY_IQR_RATIO,
        "p50": median,
        "p90": deciles[8],
    }
