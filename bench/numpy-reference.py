"""Krippendorff's nominal alpha and Fleiss' kappa in numpy, timed on the metrics benchmark's data.

Reads {"ratings": [[coder 1's values or null], ...], "complete": [[...], ...]} on standard input and
prints {"alphaMs", "alpha", "fleissMs", "kappa", "numpy"}: the median of five timed runs after a
warm-up, the same protocol as bench/metrics.bench.ts, so the two are compared in one run.
"""
import json
import sys
import time

import numpy as np


def counts(ratings: np.ndarray, categories: int) -> np.ndarray:
    """Units × categories: how many coders gave each unit each value (-1 is missing)."""
    units = ratings.shape[1]
    present = ratings >= 0
    unit_index = np.broadcast_to(np.arange(units), ratings.shape)[present]
    flat = unit_index * categories + ratings[present]
    return np.bincount(flat, minlength=units * categories).reshape(units, categories).astype(np.float64)


def nominal_alpha(ratings: np.ndarray, categories: int) -> float:
    n_uc = counts(ratings, categories)
    m_u = n_uc.sum(axis=1)
    pairable = m_u >= 2
    n_uc, m_u = n_uc[pairable], m_u[pairable]
    weighted = n_uc / (m_u - 1)[:, None]
    coincidences = n_uc.T @ weighted - np.diag(weighted.sum(axis=0))
    n_c = coincidences.sum(axis=0)
    n = n_c.sum()
    observed = coincidences.sum() - np.trace(coincidences)
    expected = (n_c.sum() ** 2 - (n_c**2).sum()) / (n - 1)
    return float(1 - observed / expected)


def fleiss_kappa(complete: np.ndarray, categories: int) -> float:
    n_uc = counts(complete, categories)
    raters = complete.shape[0]
    p_unit = ((n_uc**2).sum(axis=1) - raters) / (raters * (raters - 1))
    p_category = n_uc.sum(axis=0) / n_uc.sum()
    expected = (p_category**2).sum()
    return float((p_unit.mean() - expected) / (1 - expected))


def median_ms(run) -> float:
    run()
    times = []
    for _ in range(5):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    return sorted(times)[2]


data = json.load(sys.stdin)
ratings = np.array([[-1 if v is None else v for v in row] for row in data["ratings"]], dtype=np.int64)
complete = np.array(data["complete"], dtype=np.int64)
categories = int(max(ratings.max(), complete.max())) + 1
print(
    json.dumps(
        {
            "alphaMs": median_ms(lambda: nominal_alpha(ratings, categories)),
            "alpha": nominal_alpha(ratings, categories),
            "fleissMs": median_ms(lambda: fleiss_kappa(complete, categories)),
            "kappa": fleiss_kappa(complete, categories),
            "numpy": np.__version__,
        }
    )
)
