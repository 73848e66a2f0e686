"""The labour market (sim.economy.processes.labour)."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import households, params, rng

from sim.economy.constants import NON_PRD, PRD
from sim.economy.processes import labour


def _match(h, demand, firm_region, rates=(0.0, 0.0, 0.0), matching=1.0, seed=0):
    return labour.match(
        workers=labour.Workers(employed=h.employed, employer=h.employer, kind=h.kind,
                               region=h.region, efficiency=h.efficiency),
        employers=labour.Employers(demand=demand, region=np.asarray(firm_region)),
        separation_rates=np.array(rates), matching=matching, rng=rng(seed))


def test_wages_rise_with_expected_inflation_and_faster_when_unemployment_is_low() -> None:
    """Natural rate 5%, flexibility 0.15, at most 2% a quarter beyond the 2.2% a year
    wage setters expect (0.545% a quarter): at 2% unemployment the wage level rises by
    1.00545 x (1 + 0.15 x 0.03); at 5% by expected inflation alone; at 50% the fall
    beyond it is capped at 2%."""
    ep = params().economy
    expected = 1.022 ** 0.25
    efficiency = np.ones(100)
    employed = np.arange(100) < 98  # 2% unemployed
    assert labour.wage_level(previous=1.0, efficiency=efficiency, employed=employed,
                             expected_inflation=0.022,
                             ep=ep) == pytest.approx(
        expected * (1.0 + 0.15 * 0.03))
    employed = np.arange(100) < 95
    assert labour.wage_level(previous=1.0, efficiency=efficiency, employed=employed,
                             expected_inflation=0.022,
                             ep=ep) == pytest.approx(expected)
    employed = np.arange(100) < 50  # 50% unemployed: the fall is capped
    assert labour.wage_level(previous=1.0, efficiency=efficiency, employed=employed,
                             expected_inflation=0.022,
                             ep=ep) == pytest.approx(expected * 0.98)


def test_lumpy_agents_fill_vacancies_without_hiring_beyond_them() -> None:
    """Firms wanting 1.0 each (3.0 in all) and unemployed agents of 0.7: the first pass
    hires four (2.8), two of them into firm 1, which is filled 0.4 beyond its vacancy;
    firms 0 and 2 have 0.3 left each, 0.2 net of that, less than half an agent, so the
    later passes hire nobody. Labour hired stays within half an agent of labour
    demanded (before, the 0.6 left was filled again: 3.5 hired)."""
    h = households(10, employed=False, employer=-1, skill=0.7, earners=1.0)
    jobs = _match(h, demand=np.ones(3), firm_region=[PRD, PRD, PRD])
    hired = float(h.efficiency[jobs.employed].sum())
    assert abs(hired - 3.0) <= 0.35 + 1e-12


def test_every_job_ends_at_a_separation_rate_of_one() -> None:
    h = households(4, employed=True, employer=0)
    jobs = _match(h, demand=np.zeros(1), firm_region=[PRD], rates=(1.0, 1.0, 1.0),
                  matching=0.0)
    assert not jobs.employed.any() and (jobs.employer == -1).all()
    assert jobs.labour[0] == 0.0
    assert h.employed.all()  # the households' own table is not changed


def test_a_firm_above_its_labour_demand_keeps_only_what_it_wants() -> None:
    """Four workers of 10,000 efficiency units at a firm that wants 24,000: it keeps the
    two whose labour before them plus half their own fits (5,000 and 15,000), not the
    third (25,000); the two laid off are not rehired for the 4,000 left."""
    h = households(4, employed=True, employer=0, skill=10_000.0)
    jobs = _match(h, demand=np.array([24_000.0]), firm_region=[PRD])
    assert jobs.employed.sum() == 2
    assert jobs.labour[0] == pytest.approx(20_000.0)


def test_the_unemployed_are_hired_in_their_own_region_first() -> None:
    h = households(2, employed=False, employer=-1, region=[NON_PRD, PRD], skill=10_000.0)
    jobs = _match(h, demand=np.array([10_000.0, 10_000.0]), firm_region=[PRD, NON_PRD])
    assert jobs.employer.tolist() == [1, 0]


def test_without_matching_nobody_is_hired() -> None:
    h = households(3, employed=False, employer=-1)
    jobs = _match(h, demand=np.array([1e9]), firm_region=[PRD], matching=0.0)
    assert not jobs.employed.any()


def test_wages_are_the_wage_index_times_efficiency_for_those_in_work() -> None:
    wage = labour.wages(employed=np.array([True, False]), efficiency=np.array([10_000.0, 10_000.0]),
                        wage_index=1.2)
    np.testing.assert_allclose(wage, [12_000.0, 0.0])
