"""The technology frontier and capital vintages (sim.economy.processes.technology)."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import firms, params

from sim.economy.constants import N_CATEGORIES
from sim.economy.processes import technology

FP = params().firms


def test_at_2016_research_the_frontier_grows_at_the_calibrated_pace() -> None:
    """At firms.frontier_growth (5.2% a year) the frontier grows log(1.052) / 4 = 0.01267
    a quarter."""
    research = np.full(N_CATEGORIES, 3.0)
    growth = technology.frontier_growth(research=research, reference=research, fp=FP)
    np.testing.assert_allclose(growth, np.log1p(FP.frontier_growth) / 4.0)


def test_twice_the_research_raises_growth_by_two_to_the_elasticity() -> None:
    """At elasticity 0.05, doubling a category's research raises its frontier's growth by
    2 ** 0.05 - 1 = 3.5% (0.23 pp of 6.5%); the other categories keep theirs."""
    reference = np.ones(N_CATEGORIES)
    research = reference.copy()
    research[3] = 2.0
    growth = technology.frontier_growth(research=research, reference=reference, fp=FP)
    assert growth[3] / growth[0] == pytest.approx(2.0 ** FP.research_growth_elasticity)
    assert growth[0] == pytest.approx(np.log1p(FP.frontier_growth) / 4.0)


def test_new_machines_pull_a_firms_technology_toward_the_frontier() -> None:
    """A firm with 90 units of capital at technology 0 takes 10 units at the frontier 0.2:
    its capital embodies 0.02; a firm that takes none keeps its own."""
    out = technology.embodied(technology=np.zeros(2), kept=np.array([90.0, 90.0]),
                              delivered=np.array([10.0, 0.0]), frontier=np.full(2, 0.2))
    np.testing.assert_allclose(out, [0.02, 0.0])


def test_the_steady_gap_is_growth_over_renewal() -> None:
    """At 6.5% growth and 4% of capital new each quarter the mean vintage lags the
    frontier by 0.01574 / 0.04 = 0.39 in logs."""
    gap = technology.steady_gap(annual_growth=0.065, renewal=0.04)
    assert gap == pytest.approx(np.log(1.065) / 4 / 0.04)


def test_the_economy_grows_with_the_categories_weighted_by_output() -> None:
    """Two categories making 300 and 100 units, advancing 0.02 and 0.04: the economy
    grows 0.025; a quarter of the advance is embodied; the firm in the faster category
    gains the disembodied part of its lead, 0.75 * (0.04 - 0.025), on the economy."""
    f = firms(2, category=[0, 1], output=[300.0, 100.0])
    advance = np.zeros(N_CATEGORIES)
    advance[:2] = [0.02, 0.04]
    step = technology.advance(advance=advance, f=f, embodied_share=0.25)
    assert step.economy == pytest.approx(0.025)
    np.testing.assert_allclose(step.frontier[:2], [0.005, 0.01])
    np.testing.assert_allclose(np.log(step.relative), [0.75 * -0.005, 0.75 * 0.015])


def test_the_economys_technology_is_the_output_weighted_mean_of_live_firms() -> None:
    mean = technology.mean_technology(technology=np.array([0.0, 0.4, 9.0]),
                                      output=np.array([300.0, 100.0, 50.0]),
                                      alive=np.array([True, True, False]), previous=0.0)
    assert mean == pytest.approx(0.1)


def test_measured_productivity_is_quality_adjusted_output_over_production_labour() -> None:
    """Two firms make 100 units of quality 0 at productivity 2 and 100 of quality 1 at
    productivity 1 (quality cost 0.3): 100 + 130 quality-adjusted units take 50 + 130
    efficiency units of production labour, 230 / 180 = 1.278 per unit; a dead firm
    counts for nothing."""
    fp = params(firms={"quality_cost": 0.3}).firms
    f = firms(3, output=[100.0, 100.0, 500.0], quality=[0.0, 1.0, 0.5],
              productivity=[2.0, 1.0, 9.0], alive=[True, True, False])
    assert technology.relative_productivity(f, fp) == pytest.approx(230.0 / 180.0)


def test_a_transitory_shock_decays_at_its_persistence_and_has_its_stationary_spread() -> None:
    """An AR(1) at persistence 0.85 and stationary sd 0.1: at the median draw a shock of
    0.2 decays to 0.17; over many firms from zero, after 60 quarters the spread is 0.1."""
    fp = params(firms={"productivity_shock_persistence": 0.85,
                       "productivity_shock_sd": 0.1}).firms
    assert technology.shocked(shock=np.array([0.2]), draw=np.array([0.5]),
                              fp=fp)[0] == pytest.approx(0.17)
    rng = np.random.default_rng(0)
    shock = np.zeros(20_000)
    for _ in range(60):
        shock = technology.shocked(shock=shock, draw=rng.random(20_000), fp=fp)
    assert shock.std() == pytest.approx(0.1, rel=0.03)


def test_what_firms_add_on_the_calibrated_path_is_the_gap_between_target_and_frontier(
) -> None:
    """At a target of 6.5% a year and a frontier of 5.2%, firms add
    (log 1.065 - log 1.052) / 4 = 0.00307 a quarter to the economy's productivity trend."""
    fp = params(firms={"frontier_growth": 0.052}).firms
    assert technology.firms_pace(fp=fp, target=0.065) == pytest.approx(
        (np.log(1.065) - np.log(1.052)) / 4.0)
