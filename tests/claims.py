"""Claims about the whole economy as statistics (docs/testing.md).

A whole-economy test compares economies that differ by one change at the same seeds
(common random numbers), so each seed gives one paired difference. Its claim is a 95%
t-interval over those differences: above a bound ("a lower rate raises borrowing"),
below one, or inside a band taken from the literature. The number of seeds of each
claim is sized from the differences' spread measured on seeds the tests never use
(`python tests/size_claims.py`, which writes tests/reference/claims.csv), so that the
claim holds on any block of seeds, not the block at hand.

Where the seeds come from, in one place:

- `SIM_TEST_SEED_OFFSET=K` moves every block: a claim over n seeds runs on seeds
  K, ..., K + n - 1 (default 0). `make test-all` runs the claims once more at an offset
  of 1000, a second block disjoint from the first.
- `SIM_TEST_MEASURE_SEEDS=M` (the sizing script) runs every claim over M seeds whatever
  its own n, and `SIM_TEST_MEASURE_FILE=PATH` records each claim's differences there
  (one JSON line per claim) for the script to size.
"""

from __future__ import annotations

import csv
import functools
import json
import os
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from scipy import stats

SEED_OFFSET = int(os.environ.get("SIM_TEST_SEED_OFFSET", "0"))
MEASURE_SEEDS = int(os.environ.get("SIM_TEST_MEASURE_SEEDS", "0"))
MEASURE_FILE = os.environ.get("SIM_TEST_MEASURE_FILE", "")
CONFIDENCE = 0.95
MIN_SEEDS = 3  # (a t-interval over two seeds is useless: t = 12.7)
SIZING = Path(__file__).resolve().parent / "reference" / "claims.csv"


def seed(i: int = 0) -> int:
    """The block's `i`-th seed: for checks that hold at every seed (an identity, an
    accounting rule), run at one."""
    return SEED_OFFSET + i


def seeds(n: int) -> tuple[int, ...]:
    """The block's first `n` seeds (all the measured seeds when measuring)."""
    if n < MIN_SEEDS:
        raise ValueError(f"a claim needs at least {MIN_SEEDS} seeds, got {n}")
    return tuple(range(SEED_OFFSET, SEED_OFFSET + (MEASURE_SEEDS or n)))


_claims_in_test: Counter[str] = Counter()


@dataclass(frozen=True, eq=False)
class Effect:
    """Paired differences over seeds, one per seed, and their 95% t-interval.

    `above`, `below` and `within` state a claim and return whether the interval meets
    it; a failed `assert effect.above(0)` prints the effect with its interval and
    seeds."""

    values: np.ndarray
    seeds: tuple[int, ...]
    declared: int  # the seeds the claim is sized for

    @property
    def n(self) -> int:
        return len(self.values)

    @property
    def mean(self) -> float:
        return float(np.mean(self.values))

    @property
    def half_width(self) -> float:
        sd = float(np.std(self.values, ddof=1))
        return float(stats.t.ppf(0.5 + CONFIDENCE / 2, self.n - 1)) * sd / np.sqrt(self.n)

    @property
    def low(self) -> float:
        return self.mean - self.half_width

    @property
    def high(self) -> float:
        return self.mean + self.half_width

    def above(self, bound: float) -> bool:
        """The claim: the effect is above `bound` (its interval lies above it)."""
        return self._claim("above", bound, None)

    def below(self, bound: float) -> bool:
        """The claim: the effect is below `bound`."""
        return self._claim("below", None, bound)

    def within(self, lower: float, upper: float) -> bool:
        """The claim: the effect lies between `lower` and `upper` (a band from a study)."""
        return self._claim("within", lower, upper)

    def _claim(self, kind: str, lower: float | None, upper: float | None) -> bool:
        test = os.environ.get("PYTEST_CURRENT_TEST", "?").split(" (")[0]
        _claims_in_test[test] += 1
        index = _claims_in_test[test]
        if MEASURE_FILE:  # (every claim of a test is measured, whether it holds or not)
            record = {"test": test, "claim": index, "kind": kind, "lower": lower,
                      "upper": upper, "declared": self.declared, "seeds": list(self.seeds),
                      "values": [float(v) for v in self.values]}
            with open(MEASURE_FILE, "a", encoding="utf-8") as out:  # (one line: atomic)
                out.write(json.dumps(record) + "\n")
            return True
        sized = _sizing().get((test, index))
        if sized is None:
            raise AssertionError(f"claim {index} of {test} has not been sized: run "
                                 "python tests/size_claims.py (tests/reference/claims.csv)")
        if sized["verdict"] == "not measurable" or self.declared < int(sized["seeds_needed"]):
            raise AssertionError(
                f"claim {index} of {test} is declared over {self.declared} seeds, but its "
                f"spread measured over {sized['measured_seeds']} seeds (mean "
                f"{float(sized['mean']):.4g}, sd {float(sized['sd']):.4g}) needs "
                f"{sized['seeds_needed'] or 'more than 30'} for a block of seeds to bear it "
                "out (tests/reference/claims.csv)")
        return bool(meets(lower, upper, self.low, self.high))

    def __repr__(self) -> str:
        return (f"Effect({self.mean:+.4g} [{self.low:+.4g}, {self.high:+.4g}] over "
                f"{self.n} paired seeds {self.seeds[0]}-{self.seeds[-1]}: "
                f"{np.array2string(np.asarray(self.values), precision=4)})")


def meets(lower: float | None, upper: float | None, low: Any, high: Any) -> Any:
    """Whether an interval [low, high] (numbers, or arrays of them) lies above `lower`
    and below `upper` (None: no bound on that side): every claim's rule, here and in
    tests/size_claims.py."""
    return ((True if lower is None else np.asarray(low) > lower)
            & (True if upper is None else np.asarray(high) < upper))


@functools.cache
def _sizing() -> dict[tuple[str, int], dict]:
    """Each claim's measured spread and the seeds it needs (tests/size_claims.py)."""
    if not SIZING.exists():
        return {}
    rows = csv.DictReader(SIZING.open(encoding="utf-8"))
    return {(r["test"], int(r["claim"])): r for r in rows}


def over_seeds(difference: Callable[[int], float], n: int) -> Effect:
    """`difference(seed)` for each of the block's first `n` seeds: a paired effect."""
    chosen = seeds(n)
    return Effect(np.array([float(difference(s)) for s in chosen]), chosen, n)
