"""The technology frontier and capital vintages (sim.economy.processes.technology)."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import firms, params

from sim.economy.constants import N_CATEGORIES
from sim.economy.processes import technology

FP = params().firms


def test_at_2016_research_the_frontier_grows_at_the_calibrated_pace() -> None:
    """6.5% a year is log(1.065) / 4 = 0.01574 a quarter."""
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
