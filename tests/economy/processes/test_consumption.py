"""The consumption budget and its allocation (sim.economy.processes.consumption)."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import households, params

from sim.economy.constants import FOOD, MIGRANT, URBAN
from sim.economy.processes import consumption

NEED = np.tile(np.array([960, 110, 500, 80, 150, 100, 80, 20], float), (3, 1))  # per person


def test_the_budget_follows_the_buffer_stock_rule() -> None:
    """Permanent income 20,000, mpc 0.8 (patience 1), deposits 90,000 against a target of
    4 quarters of permanent income: 0.8 * 20,000 + 0.05 * (90,000 - 80,000)."""
    hp = params().households
    hp.mpc_permanent.urban = 0.8
    h = households(1, kind=URBAN, covered=True, permanent_income=20_000.0, deposits=90_000.0)
    budget = consumption.budget(h, np.zeros(1), hp, hp.credit_buffer_offset)
    assert budget[0] == pytest.approx(0.8 * 20_000 + 0.05 * 10_000)


def test_without_social_insurance_households_hold_larger_buffers_and_spend_less() -> None:
    hp = params().households
    h = households(2, kind=MIGRANT, covered=[True, False], permanent_income=20_000.0,
                   deposits=80_000.0)
    buffer = consumption.target_buffer(h, hp, hp.credit_buffer_offset)
    assert buffer[1] == pytest.approx(buffer[0] * (1 + hp.precautionary_buffer))
    budget = consumption.budget(h, np.zeros(2), hp, hp.credit_buffer_offset)
    assert budget[1] < budget[0]


def test_unused_credit_substitutes_for_own_buffer() -> None:
    hp = params().households
    h = households(2, credit_access=[False, True], credit_limit=10_000.0)
    buffer = consumption.target_buffer(h, hp, hp.credit_buffer_offset)
    assert buffer[0] - buffer[1] == pytest.approx(hp.credit_buffer_offset * 10_000.0)


def test_subsistence_comes_first_and_spending_never_exceeds_liquid_means() -> None:
    hp = params().households
    h = households(2, permanent_income=0.0, deposits=[5_000.0, 500.0])
    budget = consumption.budget(h, basic_cost=np.array([4_000.0, 4_000.0]), hp=hp,
                                line_as_buffer=hp.credit_buffer_offset)
    np.testing.assert_allclose(budget, [4_000.0, 500.0])


def test_the_les_gives_subsistence_plus_marginal_shares_of_the_rest() -> None:
    """A two-person household with a budget 10,000 above its needs and full trust spends
    its need plus beta * 10,000 on each category."""
    hp = params().households
    beta = consumption.marginal_shares(hp)
    h = households(1, persons=2.0, trust=1.0)
    need = 2 * NEED[URBAN].sum()
    plan = consumption.allocate(h, np.array([need + 10_000.0]), NEED, hp, np.zeros(8))
    np.testing.assert_allclose(plan.planned[0], 2 * NEED[URBAN] + beta * 10_000.0)
    assert plan.total[0] == pytest.approx(need + 10_000.0)
    assert plan.durable[0] == pytest.approx(plan.planned[0, 3] + plan.planned[0, 4])


def test_below_subsistence_the_budget_is_shared_in_proportion_to_needs() -> None:
    hp = params().households
    h = households(1, persons=1.0)
    plan = consumption.allocate(h, np.array([0.5 * NEED[URBAN].sum()]), NEED, hp, np.zeros(8))
    np.testing.assert_allclose(plan.planned[0], 0.5 * NEED[URBAN])


def test_distrust_lowers_a_categorys_marginal_share_and_the_rest_is_saved() -> None:
    hp = params().households
    trusting, wary = households(1, trust=1.0), households(1, trust=0.5)
    budget = np.array([2 * NEED[URBAN].sum() + 10_000.0])
    a = consumption.allocate(trusting, budget, NEED, hp, np.zeros(8))
    b = consumption.allocate(wary, budget, NEED, hp, np.zeros(8))
    cut = 0.5 * hp.trust_spending_weight
    assert b.planned[0, FOOD] == pytest.approx(
        2 * NEED[URBAN, FOOD] + (1 - cut) * consumption.marginal_shares(hp)[FOOD] * 10_000.0)
    assert b.total[0] < a.total[0]


def test_with_rebates_planned_spending_is_at_full_prices() -> None:
    hp = params().households
    h = households(1, trust=1.0)
    rebates = np.zeros(8)
    rebates[3] = 0.2
    plain = consumption.allocate(h, np.array([20_000.0]), NEED, hp, np.zeros(8))
    subsidised = consumption.allocate(h, np.array([20_000.0]), NEED, hp, rebates)
    assert subsidised.planned[0, 3] == pytest.approx(plain.planned[0, 3] / 0.8)
