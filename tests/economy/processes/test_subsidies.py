"""Subsidy rates that spend the budget (sim.economy.processes.subsidies, 七（一）)."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import firms, levers

from sim.economy.constants import CATEGORY_INDEX
from sim.economy.processes import subsidies

HOUSEHOLD = CATEGORY_INDEX["household"]


def test_the_subsidy_targets_its_categories_or_green_labelled_goods() -> None:
    f = firms(3, category=[0, HOUSEHOLD, HOUSEHOLD], green=[True, False, True])
    assert subsidies.targeted(f=f, categories=["household"]).tolist() == [False, True, True]
    assert subsidies.targeted(f=f, categories=["green"]).tolist() == [True, False, True]


def test_rates_spend_the_budget_on_last_quarters_base() -> None:
    """A budget of 100 split evenly: rebates of 50 on 1,000 of targeted household
    spending are 5% off; producer subsidies of 50 on the unit cost of the maker's sales at
    home (revenue 575 at a markup of 0.15, a fifth of it exported: 400) are 12.5%."""
    f = firms(2, revenue=[575.0, 300.0], markup=0.15, export_share=[0.2, 0.0])
    lv = levers(**{"subsidy.budget": 100.0, "subsidy.demand_side_share": 0.5,
                   "subsidy.design": "rebate"})
    rates = subsidies.rates(levers=lv, following=lv, f=f, is_targeted=np.array([True, False]),
                            targeted_spending=1000.0, targeted_share=np.full(8, 0.5), cap=0.3)
    assert rates.rebate == pytest.approx(0.05)
    assert rates.producer == pytest.approx(0.125)
    np.testing.assert_allclose(rates.rebate_by_category, 0.025)
    np.testing.assert_allclose(rates.rebate_next_by_category, 0.025)  # announced: unchanged


def test_households_expect_the_rebate_the_next_quarters_budget_announces() -> None:
    """A programme's end is announced: in its last quarter the rebate expected next is
    0; a budget halved next quarter halves it."""
    f = firms(2, revenue=[575.0, 300.0], markup=0.15, export_share=[0.2, 0.0])
    lv = levers(**{"subsidy.budget": 100.0, "subsidy.demand_side_share": 1.0,
                   "subsidy.design": "rebate"})
    for budget, expected in ((0.0, 0.0), (50.0, 0.025)):
        following = levers(**{"subsidy.budget": budget, "subsidy.demand_side_share": 1.0,
                              "subsidy.design": "rebate"})
        rates = subsidies.rates(levers=lv, following=following, f=f,
                                is_targeted=np.array([True, False]), targeted_spending=1000.0,
                                targeted_share=np.full(8, 0.5), cap=0.3)
        np.testing.assert_allclose(rates.rebate_by_category, 0.05)
        np.testing.assert_allclose(rates.rebate_next_by_category, expected)


def test_coupons_and_cash_cut_no_price_and_are_issued_from_the_demand_side_budget() -> None:
    """With coupons or cash, households' part of the budget changes no price: coupons of
    50 yuan for a demand-side budget of 60,000 are 1,200 coupons; cash of 60,000 for
    30,000 residents is 2 yuan each."""
    f = firms(2, revenue=[575.0, 300.0], markup=0.15)
    for design in ("coupon", "cash"):
        lv = levers(**{"subsidy.budget": 1.0e5, "subsidy.demand_side_share": 0.6,
                       "subsidy.design": design, "subsidy.coupon_face_value": 50.0})
        rates = subsidies.rates(levers=lv, following=lv, f=f, is_targeted=np.array([True, False]),
                                targeted_spending=1000.0, targeted_share=np.full(8, 0.5), cap=0.3)
        assert rates.rebate == 0.0 and not rates.rebate_by_category.any()
        assert rates.producer > 0.0
        issued, cash = subsidies.coupons_issued(lv), subsidies.cash_per_person(levers=lv,
                                                                               residents=30_000.0)
        assert (issued, cash) == ((1200.0, 0.0) if design == "coupon" else (0.0, 2.0))


def test_no_rate_exceeds_the_cap() -> None:
    f = firms(1, revenue=10.0)
    lv = levers(**{"subsidy.budget": 100.0, "subsidy.demand_side_share": 0.0})
    rates = subsidies.rates(levers=lv, following=lv, f=f, is_targeted=np.array([True]),
                            targeted_spending=0.0,
                            targeted_share=np.zeros(8), cap=0.3)
    assert rates.producer == 0.3 and rates.rebate == 0.0


def test_a_makers_price_falls_by_the_cost_subsidy_on_its_sales_at_home_only() -> None:
    """七（一）: at a rate of 20% of unit cost on sales at home, a maker selling half abroad
    prices at 90% of its unsubsidised price, one selling only at home at 80%; firms
    outside the subsidised products keep their price."""
    from sim.economy.rules import producer_price_factor

    factor = producer_price_factor(is_targeted=np.array([True, True, False]), rate=0.2,
                                   export_share=np.array([0.5, 0.0, 0.0]))
    np.testing.assert_allclose(factor, [0.9, 0.8, 1.0])
