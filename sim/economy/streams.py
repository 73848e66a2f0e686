"""Random streams, one per economic process and quarter (common random numbers).

Each process draws from its own generator, derived from the run's seed, the process's
name and the quarter (a counter-based scheme: Salmon et al. 2011 "Parallel random
numbers: as easy as 1, 2, 3"). Two scenarios run with the same seed therefore see the
same labour shocks, health shocks, quality incidents and so on, and a lever that
changes how many draws one process makes in one quarter cannot shift the draws of
another process, or of the same process in a later quarter. Differences between
scenarios are paired (Law and Kelton, *Simulation Modeling and Analysis*, ch. 11).
Per-household draws are arrays over all households; per-firm draws are arrays over
firm rows, so a firm keeps its draws when others enter after it.
"""

from __future__ import annotations

import zlib

import numpy as np

PROCESSES: tuple[str, ...] = (
    "population",  # initial households
    "endowment",  # initial deposits and debt
    "labour",  # separations and the order of job search
    "health",  # health and other emergency expenses
    "quality",  # disappointments and inspections
    "firms",  # initial firms, upgrade decisions
    "innovation",  # R&D search: innovation, imitation and whom to imitate
    "entry",  # entrants and their attributes
    "migration",  # hukou conversion
    "coupons",  # who claims consumption coupons
)


_MASK = np.uint64(0xFFFFFFFFFFFFFFFF)


def _splitmix64(x: np.ndarray) -> np.ndarray:
    """The SplitMix64 finaliser (Steele, Lea and Flood 2014): a bijective mix of 64-bit
    integers whose outputs pass as independent uniform bits."""
    with np.errstate(over="ignore"):
        x = (x + np.uint64(0x9E3779B97F4A7C15)) & _MASK
        x = ((x ^ (x >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)) & _MASK
        x = ((x ^ (x >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)) & _MASK
        return x ^ (x >> np.uint64(31))


QUARTER_OFFSET = 1024  # keys are non-negative: quarters from -1024 (the burn-in's are < 0)


def keyed_uniforms(seed: int, process: str, quarter: int, keys: np.ndarray,
                   n: int) -> np.ndarray:
    """`n` uniform draws in [0, 1) for each of `keys` (n x len(keys)), a counter-based
    function of (seed, process, quarter, key, draw): a firm keeps its draws whatever
    other firms enter or leave, so two scenarios with the same seed give the same firm
    the same luck (the per-firm counterpart of `stream`)."""
    if process not in PROCESSES:
        raise KeyError(f"unknown random process '{process}'; known: {', '.join(PROCESSES)}")
    base = _splitmix64(np.array([int(seed) & 0xFFFFFFFF], dtype=np.uint64)
                       ^ (np.uint64(zlib.crc32(process.encode())) << np.uint64(32)))
    base = _splitmix64(base ^ np.uint64(quarter + QUARTER_OFFSET))
    keyed = _splitmix64(base ^ np.asarray(keys, dtype=np.uint64))
    draws = _splitmix64(keyed[None, :] ^ (np.arange(1, n + 1, dtype=np.uint64)[:, None]
                                          * np.uint64(0xD1B54A32D192ED03) & _MASK))
    return (draws >> np.uint64(11)).astype(np.float64) * 2.0**-53


def stream(seed: int, process: str, quarter: int) -> np.random.Generator:
    """The generator of `process` in `quarter` (0 = 2016Q1; the burn-in's quarters and
    the initial state before them are negative)."""
    if process not in PROCESSES:
        raise KeyError(f"unknown random process '{process}'; known: {', '.join(PROCESSES)}")
    key = (zlib.crc32(process.encode()), quarter + QUARTER_OFFSET)
    return np.random.default_rng(np.random.SeedSequence(int(seed), spawn_key=key))
