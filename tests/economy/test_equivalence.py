"""The economy is the one the reference describes: the headline outcomes of the baseline
and the full plan over the reference's seeds match tests/reference/headline.csv within
their spread over seeds.

Refactoring may change the order of floating-point operations and so, after a while,
single discrete decisions (a firm's upgrade, a household's default); it must not move
the economy. A deliberate change of the economics regenerates the reference with
tests/make_reference.py, in a commit of its own that says what moved.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from make_reference import FILE, headline_outcomes

# Means over the same seeds may differ by at most this many standard deviations of the
# reference's values over seeds (its "seed spread"); with 8 seeds the standard error of
# a mean is a third of that.
TOLERANCE_SD = 1.0


@pytest.fixture(scope="module")
def comparison() -> pd.DataFrame:
    reference = pd.read_csv(FILE)
    current = headline_outcomes()
    both = reference.merge(current, on=["scenario", "seed", "outcome"],
                           suffixes=("_reference", "_now"))
    assert len(both) == len(reference) == len(current)
    return both.groupby(["scenario", "outcome"]).agg(
        reference=("value_reference", "mean"), now=("value_now", "mean"),
        spread=("value_reference", "std"))


@pytest.mark.parametrize("scenario", ["baseline", "full_plan"])
def test_headline_outcomes_match_the_reference_within_their_seed_spread(
        comparison: pd.DataFrame, scenario: str) -> None:
    table = comparison.loc[scenario]
    gap = (table["now"] - table["reference"]).abs()
    floor = 1e-9 * table["reference"].abs().clip(lower=1.0)  # outcomes without spread
    off = table[gap > TOLERANCE_SD * table["spread"] + floor]
    assert off.empty, f"outcomes of {scenario} moved beyond their seed spread:\n{off}"
    assert np.isfinite(table["now"]).all()
