"""The baseline is a steady economy, not a transient: after the burn-in (docs/model.md,
section 8) the main ratios stay within a band from 2016 to 2025 with no policy change,
or move only with growth; every scenario of a seed starts from the same burnt-in
economy."""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd
import pytest
from claims import seed
from helpers import build, run

from sim.economy import model as model_module

SEEDS = (seed(0), seed(1))
SIZE = "population.households=8000"


@functools.cache
def _baseline(seed: int) -> pd.DataFrame:
    return run([f"seed={seed}", SIZE], steps=40).timeseries()


def _yearly(ts: pd.DataFrame) -> pd.DataFrame:
    year = ts["quarter"].str[:4]
    return pd.DataFrame({
        "consumption_rate": ts.groupby(year)["consumption_rate"].mean(),
        "deposits_to_income": ts.groupby(year)["deposits_pc"].last()
        / ts.groupby(year)["income_pc"].sum(),
        "mean_markup": ts.groupby(year)["mean_markup"].mean(),
        "employment_rate": ts.groupby(year)["employment_rate"].mean(),
    })


@pytest.mark.parametrize("seed", SEEDS)
def test_without_policy_the_consumption_rate_stays_within_two_points_of_2016(seed) -> None:
    """The buffer rule's excess no longer piles up (households' saving beyond their
    buffer's growth buys dwellings): before, the rate climbed from 0.77 to 0.81."""
    rate = _yearly(_baseline(seed))["consumption_rate"]
    assert (rate - rate.iloc[0]).abs().max() < 0.02, rate


@pytest.mark.parametrize("seed", SEEDS)
def test_deposits_grow_with_income(seed) -> None:
    """Deposits over a year's disposable income stay within 15% of 2016's (before: from
    1.34 to 1.79 years, +34%). What remains is what distrust keeps back, which the buffer
    rule spends again only slowly while the economy grows."""
    ratio = _yearly(_baseline(seed))["deposits_to_income"]
    assert (ratio / ratio.iloc[0] - 1.0).abs().max() < 0.15, ratio


@pytest.mark.parametrize("seed", SEEDS)
def test_markups_stay_put(seed) -> None:
    markup = _yearly(_baseline(seed))["mean_markup"]
    assert (markup - markup.iloc[0]).abs().max() < 0.01, markup


@pytest.mark.parametrize("seed", SEEDS)
def test_employment_stays_near_its_2016_rate(seed) -> None:
    """Within 2.5 points of the 2016 rate of 95% in every year (no policy, no shock)."""
    employment = _yearly(_baseline(seed))["employment_rate"]
    assert (employment - 0.95).abs().max() < 0.025, employment


def test_the_burn_in_runs_before_2016_and_is_not_recorded() -> None:
    model = build([SIZE])
    assert model.burn_in == 12 and len(model.burn_in_records) == 12
    assert model.burn_in_records[0]["quarter"] == "2013Q1"
    assert model.burn_in_records[-1]["quarter"] == "2015Q4"
    assert model.records == [] and model.t == -1


def test_every_scenario_of_a_seed_starts_2016_from_the_same_economy() -> None:
    """The burn-in runs under 2016's policy in every scenario: a reform's economy at the
    start of 2016Q1 is the baseline's, so their differences are the reform's alone."""
    base = build([SIZE, f"seed={seed(3)}"])
    reform = build([SIZE, f"seed={seed(3)}", "scenario=full_plan"])
    for column in ("deposits", "debt", "permanent_income", "employed"):
        np.testing.assert_array_equal(getattr(base.households, column),
                                      getattr(reform.households, column))
    np.testing.assert_array_equal(base.firms.capital, reform.firms.capital)
    assert base.burn_in_records == [
        {**r, "scenario": "baseline"} for r in reform.burn_in_records]


def test_a_reused_burn_in_is_bit_identical_to_one_run_afresh() -> None:
    """The burnt-in economies a process keeps change nothing: a run that takes one up
    gives the same quarters as a run that burns in on its own."""
    overrides = [SIZE, f"seed={seed(5)}"]
    reused = run(overrides, steps=4).timeseries()  # (burnt in here, or taken up)
    model_module._BURN_INS.clear()
    afresh = run(overrides, steps=4).timeseries()
    numbers = reused.select_dtypes("number").columns
    np.testing.assert_array_equal(reused[numbers].to_numpy(), afresh[numbers].to_numpy())
