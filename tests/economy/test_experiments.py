"""Lever sizes against the policy experiments the literature measured (issue: every
lever's size earned against a natural experiment): the plan's demand-side designs run
for one year, replayed as the studies measured them (experiments/*.yaml,
sim.tools.replicate). Each is a claim over paired seeds; those the model misses are
expected failures that give the measured value, until the channel is rebuilt."""

from __future__ import annotations

import functools

import pytest
from claims import over_seeds

from sim.tools import replicate as rp

pytestmark = [pytest.mark.claims, pytest.mark.slow]

HOUSEHOLDS = 8000


@functools.cache
def _replayed(name: str, seed: int) -> float:
    experiment = rp.experiments()[name]
    quarters = rp.last_quarter(experiment) + 1
    base = rp.run([], seed, HOUSEHOLDS, quarters)
    design = rp.run(experiment.overrides(), seed, HOUSEHOLDS, quarters)
    return rp.measure(experiment.measure, base, design)


@pytest.mark.xfail(reason=(
    "a finding, not met: rebates are spent whole; two years after a one-year programme "
    "ends, the extra purchases of durables since it began are 1.30 times those while it "
    "ran (sd 0.043 over seeds 500-529, 8,000 households): nothing was pulled forward, and "
    "the income the programme raised kept buying; Mian and Sufi (2012) find the extra "
    "purchases almost completely reversed within seven months"), strict=True)
def test_a_one_year_trade_in_programme_leaves_little_extra_durables_two_years_after() -> None:
    """Trade-in rebates (ten billion yuan a quarter on household goods, vehicles and
    communication goods) for 2017: by the end of 2019 the extra purchases of those goods
    are within a fifth of nothing, as a share of the extra purchases in 2017 (the
    purchases were pulled forward: Mian and Sufi 2012, QJE 127(3); Hoekstra, Puller and
    West 2017)."""
    assert over_seeds(lambda s: _replayed("trade_in_one_year", s), n=5).within(-0.2, 0.2)


def test_a_years_cash_transfer_is_spent_in_the_range_the_payment_studies_span() -> None:
    """Cash to every resident (ten billion yuan a quarter) for 2017: the share of the
    year's transfers spent in that year lies between Taiwan's vouchers (about a quarter:
    Kan, Peng and Wang 2017) and the 2008 US payments (up to 90% in the quarter: Parker
    et al. 2013). Measured: 0.32, sd 0.015 over seeds 500-529 (8,000 households)."""
    assert over_seeds(lambda s: _replayed("cash_transfer_one_year", s), n=3).within(0.2, 0.9)
