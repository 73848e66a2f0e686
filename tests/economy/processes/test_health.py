"""Health shocks (sim.economy.processes.health)."""

from __future__ import annotations

import numpy as np
from helpers import households, params, rng

from sim.economy.processes import health


def test_nobody_is_hit_at_a_zero_rate_and_everybody_at_a_rate_of_one() -> None:
    h = households(50)
    none = health.shocks(h=h, planned_total=np.zeros(50), spare_credit=np.zeros(50), rng=rng(),
                         hp=params(households={"health_shock_rate": 0.0}).households)
    assert not none.shocked.any() and not none.cost.any()
    every = health.shocks(h=h, planned_total=np.zeros(50), spare_credit=np.zeros(50), rng=rng(),
                          hp=params(households={"health_shock_rate": 1.0}).households)
    assert every.shocked.all() and (every.cost > 0).all()


def test_insurance_pays_part_of_the_cost_of_covered_households() -> None:
    hp = params(households={"health_shock_rate": 1.0, "health_shock_dispersion": 0.0}).households
    h = households(2, covered=[True, False], permanent_income=10_000.0, deposits=1e9)
    cost = health.shocks(h=h, planned_total=np.zeros(2), spare_credit=np.zeros(2), rng=rng(),
                         hp=hp).cost
    np.testing.assert_allclose(cost, [10_000.0 * (1 - hp.health_insurance_share), 10_000.0])


def test_a_household_pays_at_most_what_it_has_after_its_planned_spending() -> None:
    hp = params(households={"health_shock_rate": 1.0, "health_shock_dispersion": 0.0}).households
    h = households(1, covered=False, permanent_income=10_000.0, deposits=3_000.0)
    cost = health.shocks(h=h, planned_total=np.array([2_000.0]), spare_credit=np.array([500.0]),
                         rng=rng(), hp=hp).cost
    assert cost[0] == 1_500.0  # 3,000 + 500 of credit - 2,000 planned
