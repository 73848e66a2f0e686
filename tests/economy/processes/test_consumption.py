"""The consumption budget and its allocation (sim.economy.processes.consumption)."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import households, params

from sim.economy import rules
from sim.economy.constants import CATEGORY_INDEX, FOOD, MIGRANT, RURAL, URBAN
from sim.economy.processes import consumption

HOUSEHOLD_GOODS = CATEGORY_INDEX["household"]

NEED = np.tile(np.array([960, 110, 500, 80, 150, 100, 80, 20], float), (3, 1))  # per person


def test_the_budget_follows_the_buffer_stock_rule() -> None:
    """Permanent income 20,000, mpc 0.8 (patience 1), deposits 90,000 against a target of
    4 quarters of permanent income: 0.8 * 20,000 + 0.05 * (90,000 - 80,000)."""
    hp = params().households
    hp.mpc_permanent.urban = 0.8
    h = households(1, kind=URBAN, covered=True, permanent_income=20_000.0, deposits=90_000.0)
    budget = consumption.budget(h=h, basic_cost=np.zeros(1), hp=hp,
                                line_as_buffer=hp.credit_buffer_offset, exposure=np.zeros(1),
                                pension_accrual=np.zeros(1))
    assert budget[0] == pytest.approx(0.8 * 20_000 + 0.05 * 10_000)


def _risky_params():
    hp = params().households
    hp.health_shock_rate, hp.health_shock_size, hp.health_insurance_share = 0.03, 1.0, 0.6
    hp.separation_rate.urban, hp.separation_rate.rural, hp.separation_rate.migrant = (
        0.02, 0.04, 0.06)
    return hp


def test_precaution_follows_uninsured_risk_not_a_label() -> None:
    """Chamon, Liu and Prasad (2013): households save against the risks nothing insures.
    Uninsured loss a quarter (quarters of permanent income): covered urban 0.03 x 0.4 +
    0.02 x 0.6 = 0.024; uncovered migrant 0.03 + 0.06 = 0.09; covered migrant 0.012 +
    0.036 = 0.048, exposure (0.048 - 0.024) / 0.066 = 0.364; uncovered rural 0.07, 0.697;
    a settled migrant (urban, covered) 0."""
    hp = _risky_params()
    h = households(5, kind=[URBAN, MIGRANT, MIGRANT, RURAL, URBAN],
                   covered=[True, False, True, False, True], origin=[0, 2, 2, 1, 2])
    exposure = consumption.uninsured_exposure(h=h, hp=hp, replacement=0.4)
    np.testing.assert_allclose(exposure, [0.0, 1.0, 0.024 / 0.066, 0.046 / 0.066, 0.0])


def test_without_social_insurance_households_hold_larger_buffers_and_spend_less() -> None:
    """Coverage removes the insured part of a migrant's risk: its target buffer falls from
    (1 + precautionary_buffer) to (1 + precautionary_buffer x 0.364) times a covered urban
    household's, and it spends more."""
    hp = _risky_params()
    h = households(2, kind=MIGRANT, covered=[True, False], permanent_income=20_000.0,
                   deposits=80_000.0)
    exposure = consumption.uninsured_exposure(h=h, hp=hp, replacement=0.4)
    buffer = consumption.target_buffer(h=h, hp=hp, line_as_buffer=hp.credit_buffer_offset,
                                       exposure=exposure)
    assert buffer[1] / buffer[0] == pytest.approx(
        (1 + hp.precautionary_buffer) / (1 + hp.precautionary_buffer * 0.024 / 0.066))
    budget = consumption.budget(h=h, basic_cost=np.zeros(2), hp=hp,
                                line_as_buffer=hp.credit_buffer_offset, exposure=exposure,
                                pension_accrual=np.zeros(2))
    assert budget[1] < budget[0]


def test_a_covered_worker_counts_part_of_its_pension_contributions_as_income() -> None:
    """Contributions of 1,000 this quarter at a weight of 0.5: the household spends as if
    its permanent income were 500 higher (mpc 0.8: 400 more)."""
    hp = params().households
    hp.mpc_permanent.urban, hp.pension_wealth_weight = 0.8, 0.5
    h = households(2, permanent_income=20_000.0, deposits=90_000.0)
    out = consumption.budget(h=h, basic_cost=np.zeros(2), hp=hp,
                             line_as_buffer=hp.credit_buffer_offset, exposure=np.zeros(2),
                             pension_accrual=np.array([0.0, 1_000.0]))
    assert out[1] - out[0] == pytest.approx(0.8 * 500.0 - 0.05 * 4 * 500.0)


def test_goods_bought_ahead_count_as_wealth_not_as_means_to_pay() -> None:
    """A household that spent 2,000 of its deposits on goods it planned to buy later is
    no poorer: its budget is that of the same household with the 2,000 still in the bank
    (it will not buy those goods again); but it cannot pay with them."""
    hp = params().households
    bought = households(1, deposits=88_000.0, durables_ahead=[0, 0, 0, 2_000.0, 0, 0, 0, 0])
    kept = households(1, deposits=90_000.0)
    args = dict(basic_cost=np.zeros(1), hp=hp, line_as_buffer=hp.credit_buffer_offset,
                exposure=np.zeros(1), pension_accrual=np.zeros(1))
    assert consumption.budget(h=bought, **args)[0] == consumption.budget(h=kept, **args)[0]
    poor = households(1, deposits=100.0, permanent_income=20_000.0,
                      durables_ahead=[0, 0, 0, 5_000.0, 0, 0, 0, 0])
    assert consumption.budget(h=poor, **args)[0] == 100.0


def test_unused_credit_substitutes_for_own_buffer() -> None:
    hp = params().households
    h = households(2, credit_access=[False, True], credit_limit=10_000.0)
    buffer = consumption.target_buffer(h=h, hp=hp, line_as_buffer=hp.credit_buffer_offset,
                                       exposure=np.zeros(2))
    assert buffer[0] - buffer[1] == pytest.approx(hp.credit_buffer_offset * 10_000.0)


def test_subsistence_comes_first_and_spending_never_exceeds_liquid_means() -> None:
    hp = params().households
    h = households(2, permanent_income=0.0, deposits=[5_000.0, 500.0])
    budget = consumption.budget(h=h, basic_cost=np.array([4_000.0, 4_000.0]), hp=hp,
                                line_as_buffer=hp.credit_buffer_offset, exposure=np.zeros(2),
                                pension_accrual=np.zeros(2))
    np.testing.assert_allclose(budget, [4_000.0, 500.0])


def test_the_les_gives_subsistence_plus_marginal_shares_of_the_rest() -> None:
    """A two-person household with a budget 10,000 above its needs and full trust spends
    its need plus beta * 10,000 on each category."""
    hp = params().households
    beta = consumption.marginal_shares(hp)
    h = households(1, persons=2.0, trust=1.0)
    need = 2 * NEED[URBAN].sum()
    plan = consumption.allocate(h=h, budget=np.array([need + 10_000.0]), need_per_person=NEED,
                                hp=hp, rebate_by_category=np.zeros(8))
    np.testing.assert_allclose(plan.planned[0], 2 * NEED[URBAN] + beta * 10_000.0)
    assert plan.total[0] == pytest.approx(need + 10_000.0)
    assert plan.durable[0] == pytest.approx(plan.planned[0, 3] + plan.planned[0, 4])


def test_below_subsistence_the_budget_is_shared_in_proportion_to_needs() -> None:
    hp = params().households
    h = households(1, persons=1.0)
    plan = consumption.allocate(h=h, budget=np.array([0.5 * NEED[URBAN].sum()]),
                                need_per_person=NEED, hp=hp, rebate_by_category=np.zeros(8))
    np.testing.assert_allclose(plan.planned[0], 0.5 * NEED[URBAN])


def test_by_default_distrust_saves_nothing_it_moves_spending_between_sellers() -> None:
    """Distrust switches sellers in the supplier choice; the budget's allocation over
    categories does not depend on it (households.trust_spending_weight = 0)."""
    hp = params().households
    assert hp.trust_spending_weight == 0.0
    budget = np.array([2 * NEED[URBAN].sum() + 10_000.0])
    a = consumption.allocate(h=households(1, trust=1.0), budget=budget, need_per_person=NEED,
                             hp=hp, rebate_by_category=np.zeros(8))
    b = consumption.allocate(h=households(1, trust=0.5), budget=budget, need_per_person=NEED,
                             hp=hp, rebate_by_category=np.zeros(8))
    np.testing.assert_array_equal(a.planned, b.planned)


def test_a_declared_saved_share_of_distrust_lowers_a_categorys_marginal_share() -> None:
    """With households.trust_spending_weight = 0.3, trust 0.5 cuts the marginal share by
    0.5 x 0.3 = 15% and the cut is saved."""
    hp = params().households
    hp.trust_spending_weight = 0.3
    trusting, wary = households(1, trust=1.0), households(1, trust=0.5)
    budget = np.array([2 * NEED[URBAN].sum() + 10_000.0])
    a = consumption.allocate(h=trusting, budget=budget, need_per_person=NEED, hp=hp,
                             rebate_by_category=np.zeros(8))
    b = consumption.allocate(h=wary, budget=budget, need_per_person=NEED, hp=hp,
                             rebate_by_category=np.zeros(8))
    assert b.planned[0, FOOD] == pytest.approx(
        2 * NEED[URBAN, FOOD] + 0.85 * consumption.marginal_shares(hp)[FOOD] * 10_000.0)
    assert b.total[0] < a.total[0]


def _with_rebate(rate: float, category: int, elasticity: float | None = None
                 ) -> tuple[consumption.Allocation, consumption.Allocation]:
    """A household's plan without and with a rebate of `rate` on `category` (budget
    20,000 yuan), at the given durables price elasticity (the default if None)."""
    hp = params().households
    if elasticity is not None:
        hp.durables_rebate_price_elasticity = elasticity
    h = households(1, trust=1.0)
    rebates = np.zeros(8)
    rebates[category] = rate
    need = NEED * (1.0 - rebates)  # the subsistence basket at the prices households pay
    plain = consumption.allocate(h=h, budget=np.array([20_000.0]), need_per_person=NEED, hp=hp,
                                 rebate_by_category=np.zeros(8))
    subsidised = consumption.allocate(h=h, budget=np.array([20_000.0]), need_per_person=need,
                                      hp=hp, rebate_by_category=rebates)
    return plain, subsidised


def test_a_rebate_on_a_durable_pays_for_planned_purchases_and_the_saving_is_kept() -> None:
    """Mian and Sufi (2012), Hoekstra, Puller and West (2017): a durable's rebate moves
    purchases in time, not their planned level. The plan at full prices is unchanged and
    the household pays 20% less for its household goods, keeping the difference."""
    plain, subsidised = _with_rebate(0.2, HOUSEHOLD_GOODS)
    np.testing.assert_allclose(subsidised.planned, plain.planned)
    paid = subsidised.planned[0].sum() - 0.2 * subsidised.planned[0, HOUSEHOLD_GOODS]
    assert paid == pytest.approx(20_000.0 - 0.2 * plain.planned[0, HOUSEHOLD_GOODS])


def test_at_unit_elasticity_a_durables_rebate_is_spent_whole_on_the_good() -> None:
    """The top of the old rule (elasticity 1, the LES's response to a lasting price
    cut): the out-of-pocket budget is unchanged and the supernumerary purchases of the
    rebated durable rise by 1 / 0.8."""
    plain, subsidised = _with_rebate(0.2, HOUSEHOLD_GOODS, elasticity=1.0)
    paid = subsidised.planned[0].sum() - 0.2 * subsidised.planned[0, HOUSEHOLD_GOODS]
    assert paid == pytest.approx(20_000.0)
    assert subsidised.planned[0, HOUSEHOLD_GOODS] > plain.planned[0, HOUSEHOLD_GOODS] * 1.2


def test_a_rebate_on_a_non_durable_is_a_price_cut_the_les_responds_to() -> None:
    """On food, a 20% rebate lowers the price the LES plans at: the whole budget is still
    spent out of pocket and more food is bought at full prices."""
    plain, subsidised = _with_rebate(0.2, FOOD)
    paid = subsidised.planned[0].sum() - 0.2 * subsidised.planned[0, FOOD]
    assert paid == pytest.approx(20_000.0)
    assert subsidised.planned[0, FOOD] > plain.planned[0, FOOD]


def _budgets_at_target(incomes: list[float], elasticity: float) -> np.ndarray:
    """The budgets of urban one-person households with these permanent incomes (yuan a
    quarter), propensity 0.8 at the mean, patience 1, no uninsured risk and deposits at
    their targets (so the budget is the propensity times permanent income)."""
    hp = params().households
    hp.mpc_permanent.urban, hp.relative_income_elasticity = 0.8, elasticity
    h = households(len(incomes), kind=URBAN, covered=True, persons=1,
                   permanent_income=incomes)
    h.deposits[:] = consumption.target_buffer(h=h, hp=hp, line_as_buffer=hp.credit_buffer_offset,
                                              exposure=np.zeros(len(incomes)))
    zeros = np.zeros(len(incomes))
    return consumption.budget(h=h, basic_cost=zeros, hp=hp, line_as_buffer=hp.credit_buffer_offset,
                              exposure=zeros, pension_accrual=zeros)


def test_richer_households_spend_a_smaller_share_of_their_permanent_income() -> None:
    """Relative income (Duesenberry 1949; Dynan, Skinner and Zeldes 2004): permanent
    incomes of 10,000 and 40,000 a quarter (the province's mean 25,000), elasticity 0.2:
    propensities 0.8 x 0.4^-0.2 = 0.961 and 0.8 x 1.6^-0.2 = 0.728."""
    budget = _budgets_at_target([10_000.0, 40_000.0], 0.2)
    np.testing.assert_allclose(budget / np.array([10_000.0, 40_000.0]),
                               [0.8 * 0.4 ** -0.2, 0.8 * 1.6 ** -0.2])


def test_a_poor_households_propensity_never_exceeds_one() -> None:
    """At a twentieth of the province's income per person and elasticity 0.3 the factor
    is 20^0.3 = 2.46: the propensity stops at 1 (it consumes its permanent income)."""
    assert _budgets_at_target([1_000.0, 39_000.0], 0.3)[0] == pytest.approx(1_000.0)


def test_relative_income_compares_income_per_person() -> None:
    """A four-person household on 40,000 a quarter and a one-person household on 10,000
    have the same income per person: the same factor, 1, at any elasticity."""
    factor = rules.relative_income_factor(permanent_income=np.array([40_000.0, 10_000.0]),
                                          persons=np.array([4, 1]), elasticity=0.25)
    np.testing.assert_allclose(factor, [1.0, 1.0])
