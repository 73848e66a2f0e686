"""Households behave as the literature says households do."""

from __future__ import annotations

import numpy as np
import pytest
from claims import over_seeds
from helpers import last_year, lever_run, run
from scipy.stats import spearmanr

from sim.economy.constants import (
    ABROAD,
    BASIC,
    FOOD,
    GOODS,
    MIGRANT,
    ONLINE,
    RURAL,
    SHIPPED_IN,
    URBAN,
)
from sim.economy.goods_market import N_HOUSEHOLD_SEGMENTS, segment_rows
from sim.economy.processes import prices
from sim.sweep.run import household_snapshot


def test_engel_law_food_share_falls_with_income() -> None:
    model = run(steps=4)
    h = model.households
    spending = h.spending.sum(axis=1)
    keep = spending > 0
    per_person = (h.permanent_income / h.persons)[keep]
    food_share = (h.spending[:, FOOD] / np.maximum(spending, 1e-9))[keep]
    upgrade_share = (h.spending[:, ~BASIC].sum(axis=1) / np.maximum(spending, 1e-9))[keep]
    assert spearmanr(per_person, food_share).statistic < -0.5
    assert spearmanr(per_person, upgrade_share).statistic > 0.5


def _saving_rate_by_income(model, group: np.ndarray, bins: np.ndarray) -> np.ndarray:
    h = model.households
    per_person = h.permanent_income / h.persons
    which = np.digitize(per_person, bins)
    rates = []
    for b in range(1, len(bins)):
        rows = group & (which == b)
        rates.append(1.0 - h.spending[rows].sum() / h.permanent_income[rows].sum()
                     if rows.sum() >= 20 else np.nan)
    return np.array(rates)


def test_migrants_without_coverage_save_more_than_urban_households_of_equal_income() -> None:
    model = run(steps=6)
    h = model.households
    per_person = h.permanent_income / h.persons
    bins = np.quantile(per_person[h.kind != RURAL], np.linspace(0.1, 0.9, 6))
    migrant = _saving_rate_by_income(model, (h.kind == MIGRANT) & ~h.covered, bins)
    urban = _saving_rate_by_income(model, h.kind == URBAN, bins)
    both = ~np.isnan(migrant) & ~np.isnan(urban)
    assert both.sum() >= 3
    assert (migrant[both] > urban[both]).all()


@pytest.mark.slow  # (ten runs: make test-all)
@pytest.mark.claims
def test_social_insurance_coverage_raises_migrant_consumption() -> None:
    """Full coverage against none raises migrant consumption per person within a year and
    a half: by 5.4% on average, sd 1.3% over 30 seeds (the "by 5%" once claimed here sits
    at that mean, so no block of seeds bears it out; the claim is the rise). Before the
    burn-in and the housing rule it lowered it by 2.7-4.5% (the employee contributions,
    10.5% of wages, cut disposable income by about a tenth, more than lower precaution and
    pension wealth gave back); the flip has not been decomposed yet."""
    def effect(at_seed: int) -> float:
        size = "population.households=3000"
        low, high = (last_year("consumption_pc_migrant")(lever_run(
            (f"policy.migrant.public_service_coverage={c}",), at_seed, 6, size))
            for c in (0.0, 1.0))
        return high / low - 1.0

    assert over_seeds(effect, n=5).above(0)


def test_rural_households_pay_the_delivered_price_markup_on_goods_shipped_in() -> None:
    """五（二）: the surcharge is on goods shipped into villages, bought online or from
    outside the county (every good but food, and food bought online); local food bought
    offline, services and goods bought abroad bear none, and town buyers none."""
    model = run(steps=2)
    clearing = model.quarter.clearing
    opt = clearing.options
    rows = np.arange(N_HOUSEHOLD_SEGMENTS)
    kind = segment_rows()[0]
    at_home = GOODS[opt.category] & (opt.channel != ABROAD)
    shipped = at_home & ((opt.category != FOOD) | (opt.channel == ONLINE))
    surcharge = model.government.rural_surcharge
    assert surcharge > 0
    rural_rows = rows[kind == RURAL]
    assert np.allclose(clearing.surcharge[np.ix_(rural_rows, np.flatnonzero(shipped))],
                       surcharge)
    assert np.allclose(clearing.surcharge[np.ix_(rural_rows, np.flatnonzero(~shipped))], 0.0)
    assert np.allclose(clearing.surcharge[rows[kind != RURAL]], 0.0)
    # The same yuan buys fewer goods shipped in in a village than in town, as much food.
    town, village = prices.household_prices(category_index=model.macro.category_price_index,
                                            rebate_by_category=np.zeros(8),
                                            rural_surcharge=surcharge)[[URBAN, RURAL]]
    assert np.all(village[SHIPPED_IN] > town[SHIPPED_IN])
    assert np.allclose(village[~SHIPPED_IN], town[~SHIPPED_IN])


def test_household_snapshot_has_one_row_per_household() -> None:
    model = run(steps=1)
    snap = household_snapshot(model)
    assert len(snap) == len(model.households)
    assert set(snap["kind"].unique()) == {"urban", "rural", "migrant"}
    assert np.isfinite(snap.select_dtypes("number").to_numpy()).all()
