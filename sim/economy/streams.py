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
from scipy.special import ndtri

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
    "interprovincial",  # migrant households who come from or go back to other provinces
    "productivity",  # firms' transitory productivity shocks
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
                   n: int, first: int = 0) -> np.ndarray:
    """`n` uniform draws in [0, 1) for each of `keys` (n x len(keys)), a counter-based
    function of (seed, process, quarter, key, draw): a firm keeps its draws whatever
    other firms enter or leave, so two scenarios with the same seed give the same firm
    the same luck (the per-firm counterpart of `stream`). `first`: the draws start after
    that many (a later block of the same sequence)."""
    if process not in PROCESSES:
        raise KeyError(f"unknown random process '{process}'; known: {', '.join(PROCESSES)}")
    base = _splitmix64(np.array([int(seed) & 0xFFFFFFFF], dtype=np.uint64)
                       ^ (np.uint64(zlib.crc32(process.encode())) << np.uint64(32)))
    base = _splitmix64(base ^ np.uint64(quarter + QUARTER_OFFSET))
    keyed = _splitmix64(base ^ np.asarray(keys, dtype=np.uint64))
    draws = _splitmix64(keyed[None, :] ^ (np.arange(first + 1, first + n + 1,
                                                    dtype=np.uint64)[:, None]
                                          * np.uint64(0xD1B54A32D192ED03) & _MASK))
    return (draws >> np.uint64(11)).astype(np.float64) * 2.0**-53


def stream(seed: int, process: str, quarter: int) -> np.random.Generator:
    """The generator of `process` in `quarter` (0 = 2016Q1; the burn-in's quarters and
    the initial state before them are negative)."""
    if process not in PROCESSES:
        raise KeyError(f"unknown random process '{process}'; known: {', '.join(PROCESSES)}")
    key = (zlib.crc32(process.encode()), quarter + QUARTER_OFFSET)
    return np.random.default_rng(np.random.SeedSequence(int(seed), spawn_key=key))


class HouseholdDraws:
    """A process's random numbers in a quarter, with its draws of one per household
    keyed by the household (`keys`, HouseholdTable.key): a household keeps its luck
    whatever other households come or go, so two scenarios with the same seed give it
    the same shocks even when migrants have moved (rows shift when households leave).
    `random(n)` and `standard_normal(n)` with n the households, and `random((n, m))`,
    draw per household; any other draw (a permutation of firms, a few numbers) comes
    from the process's stream (`stream`)."""

    def __init__(self, seed: int, process: str, quarter: int, keys: np.ndarray) -> None:
        self._seed, self._process, self._quarter = int(seed), process, int(quarter)
        self._keys = keys
        self._used = 0
        self._stream = stream(seed, process, quarter)

    def _keyed(self, m: int) -> np.ndarray:
        block = keyed_uniforms(self._seed, self._process, self._quarter, self._keys, m,
                               first=self._used)
        self._used += m
        return block

    def _per_household(self, size: object) -> bool:
        return size == len(self._keys) or size == (len(self._keys),)

    def random(self, size: int | tuple[int, ...] | None = None) -> np.ndarray | float:
        """Uniform draws in [0, 1)."""
        if self._per_household(size):
            return self._keyed(1)[0]
        if isinstance(size, tuple) and len(size) == 2 and size[0] == len(self._keys):
            return np.ascontiguousarray(self._keyed(size[1]).T)
        return self._stream.random(size)

    def standard_normal(self, size: int | None = None) -> np.ndarray | float:
        """Standard normal draws (per household: the normal quantile of a keyed
        uniform)."""
        if self._per_household(size):
            return ndtri(np.clip(self._keyed(1)[0], 2.0**-54, 1.0 - 2.0**-54))
        return self._stream.standard_normal(size)

    def permutation(self, n: int) -> np.ndarray:
        """A random order of `n` (from the process's stream)."""
        return self._stream.permutation(n)
