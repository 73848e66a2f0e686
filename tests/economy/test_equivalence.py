"""The economy is the one the reference describes: per seed, the baseline's values and
the full plan's paired effect on the headline outcomes (and the outcomes its levers act
through) match tests/reference/headline.csv, at a tolerance that notices one of the full
plan's largest levers switched off.

Refactoring may change the order of floating-point operations and so, after a while,
single discrete decisions (a firm's upgrade, a household's default), after which a
seed's path drifts away from its reference; it must not move the economy. So each
outcome's gaps over the 16 seeds are tested as paired differences: flagged when their
mean is more than five standard errors from zero (tests/make_reference.py). A deliberate
change of the economics regenerates the reference with tests/make_reference.py, in a
commit of its own that says what moved.
"""

from __future__ import annotations

import pandas as pd
import pytest
from make_reference import (
    FILE,
    LARGEST,
    NUDGE,
    OUTCOMES,
    SEEDS,
    equivalence,
    headline_outcomes,
    switched_off,
)

from sim.economy.outcomes import HEADLINE
from sim.economy.outcomes import OUTCOMES as REGISTRY


@pytest.fixture(scope="module")
def reference() -> pd.DataFrame:
    return pd.read_csv(FILE)


@pytest.fixture(scope="module")
def current() -> pd.DataFrame:
    return headline_outcomes()


@pytest.fixture(scope="module")
def comparison(reference: pd.DataFrame, current: pd.DataFrame) -> pd.DataFrame:
    assert len(current) == len(reference)
    return equivalence(reference, current)


def test_the_reference_covers_every_headline_outcome_a_run_records(reference) -> None:
    recorded = {o for o in HEADLINE if REGISTRY[o].compute is not None}
    assert recorded <= set(OUTCOMES) == set(reference["outcome"])
    assert set(reference["seed"]) == set(SEEDS)


@pytest.mark.parametrize("scenario", ["baseline", "effect"])
def test_headline_outcomes_and_the_full_plans_effect_match_the_reference_seed_by_seed(
        comparison: pd.DataFrame, scenario: str) -> None:
    table = comparison[comparison.scenario == scenario]
    off = table[table["flagged"]]
    assert off.empty, f"{scenario} moved from the reference:\n{off.to_string()}"


@pytest.mark.slow
@pytest.mark.parametrize("package", LARGEST)
def test_the_reference_notices_one_of_the_largest_levers_switched_off(
        reference: pd.DataFrame, current: pd.DataFrame, package: str) -> None:
    """Each of the five packages whose removal moves the full plan's 2019 outcomes most
    (make_reference.LARGEST) switched off: the full plan's effect moves beyond the
    tolerance."""
    plan = headline_outcomes({"full_plan": switched_off(package)}, ("full_plan",))
    now = pd.concat([current[current.scenario == "baseline"], plan], ignore_index=True)
    flagged = equivalence(reference, now).query("flagged")
    assert not flagged.empty, f"{package} switched off passed the equivalence test"


@pytest.mark.slow
def test_a_float_level_perturbation_that_lets_paths_diverge_still_passes(reference) -> None:
    """A refactoring's reordered arithmetic, imitated by a change of 1e-13 in the growth
    rate: every seed's path diverges after a decision flips, and no outcome is
    flagged."""
    table = equivalence(reference, headline_outcomes({"baseline": NUDGE, "full_plan": NUDGE}))
    assert (table["mean_gap"] != 0).any()
    assert not table["flagged"].any(), table[table["flagged"]].to_string()
