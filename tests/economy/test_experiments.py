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
    "a finding, not met: two years after a one-year trade-in programme ends, the extra "
    "purchases of durables since it began, net of the rise every category shares, are "
    "0.31 (sd 0.17 over seeds 500-529, 8,000 households) of those while it ran (1.30 "
    "while rebates were spent whole and pulled purchases forward only when they rose). "
    "The goods bought ahead in its last quarter are all used in the next (the stock "
    "bought ahead is back at zero); what remains is the income the programme leaves "
    "households, spent on durables beyond the control's average share (durables' "
    "marginal budget share, 0.22, is above their average, 0.18), and buyers' switch to "
    "the rebated makers while it runs"), strict=True)
def test_a_one_year_trade_in_programme_leaves_little_extra_durables_two_years_after() -> None:
    """Trade-in rebates (ten billion yuan a quarter on household goods, vehicles and
    communication goods) for 2017: by the end of 2019 the extra purchases of those goods,
    net of the rise the programme's income brings every category, are within a fifth of
    nothing, as a share of those in 2017 (the purchases were pulled forward: Mian and
    Sufi 2012, QJE 127(3); Hoekstra, Puller and West 2017)."""
    assert over_seeds(lambda s: _replayed("trade_in_one_year", s), n=5).within(-0.2, 0.2)


def test_a_years_cash_transfer_is_spent_in_the_range_the_payment_studies_span() -> None:
    """Cash to every resident (ten billion yuan a quarter) for 2017: the share of the
    year's transfers spent in that year lies between Taiwan's vouchers (about a quarter:
    Kan, Peng and Wang 2017) and the 2008 US payments (up to 90% in the quarter: Parker
    et al. 2013). Measured: 0.32, sd 0.015 over seeds 500-529 (8,000 households)."""
    assert over_seeds(lambda s: _replayed("cash_transfer_one_year", s), n=3).within(0.2, 0.9)


def test_tripling_inspections_moves_total_consumption_by_less_than_three_tenths_pc() -> None:
    """A grading reform reveals quality; buyers switch sellers (Jin and Leslie 2003,
    QJE 118(2)) and no study we know finds total spending rising with it: over the two
    years after enforcement rises from 0.1 to 0.3, consumption per person moves by less
    than 0.3% either way. Measured: -0.03%, sd 0.21% over seeds 500-529 at 8,000
    households (+0.34%, sd 0.13%, while distrust saved 0.3 of a category's marginal
    share), so a block of 26 seeds bears it out."""
    assert over_seeds(lambda s: _replayed("grading_reform", s), n=26).within(-0.003, 0.003)


def test_connecting_villages_to_online_sellers_brings_small_average_gains() -> None:
    """Rural e-commerce (Couture, Faber, Gu and Liu 2021, AER: Insights 3(1)): little
    income gain, a lower cost of living for a minority. A fifth more rural households
    connected raises rural real consumption per person over two years by less than 2%
    (measured: +0.12%, sd 0.13% over seeds 500-529 at 8,000 households, so whether the
    average gain is above zero at all takes more seeds than a test runs, as in the
    study)."""
    assert over_seeds(lambda s: _replayed("rural_ecommerce", s), n=3).below(0.02)
