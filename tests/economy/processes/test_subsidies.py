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
    assert subsidies.targeted(f, ["household"]).tolist() == [False, True, True]
    assert subsidies.targeted(f, ["green"]).tolist() == [True, False, True]


def test_rates_spend_the_budget_on_last_quarters_base() -> None:
    """A budget of 100 split evenly: vouchers of 50 on 1,000 of targeted household
    spending are 5% off; producer subsidies of 50 on makers' revenue of 500 are 10%."""
    f = firms(2, revenue=[500.0, 300.0])
    lv = levers(**{"subsidy.budget": 100.0, "subsidy.demand_side_share": 0.5})
    rates = subsidies.rates(lv, f, np.array([True, False]), targeted_spending=1000.0,
                            targeted_share=np.full(8, 0.5), cap=0.3)
    assert rates.voucher == pytest.approx(0.05)
    assert rates.producer == pytest.approx(0.10)
    np.testing.assert_allclose(rates.voucher_by_category, 0.025)


def test_no_rate_exceeds_the_cap() -> None:
    f = firms(1, revenue=10.0)
    lv = levers(**{"subsidy.budget": 100.0, "subsidy.demand_side_share": 0.0})
    rates = subsidies.rates(lv, f, np.array([True]), 0.0, np.zeros(8), cap=0.3)
    assert rates.producer == 0.3 and rates.voucher == 0.0
