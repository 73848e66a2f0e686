"""Who pays whom for the goods market's purchases (sim.economy.processes.settlement)."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import firms

from sim.economy.constants import ABROAD, CATEGORY_INDEX, IMPORTED, OFFLINE, URBAN
from sim.economy.goods_market import EXPORT_ROW, N_BUYER_ROWS, Clearing, Options

CLOTHING = CATEGORY_INDEX["clothing"]


def _market() -> Clearing:
    """Clothing from a domestic firm (price 1), bought abroad (price 2) or imported
    (price 2.7 with a price gap of 0.35): one household segment spends 60, 30 and 27;
    the rest of the world buys 50 from the firm."""
    opt = Options(category=np.full(3, CLOTHING, np.intp), firm=np.array([0, -1, -1]),
                  channel=np.array([OFFLINE, ABROAD, IMPORTED]), quality=np.full(3, 0.5),
                  declared=np.full(3, 0.5), price=np.array([1.0, 2.0, 2.7]),
                  region=np.array([0, -1, -1]), targeted=np.array([True, False, False]))
    spent = np.zeros((N_BUYER_ROWS, 3))
    spent[0] = [60.0, 30.0, 27.0]
    spent[EXPORT_ROW, 0] = 50.0
    demand = np.zeros((N_BUYER_ROWS, 8))
    demand[0, CLOTHING], demand[EXPORT_ROW, CLOTHING] = 117.0, 50.0
    return Clearing(opt, np.zeros(1, np.intp), np.ones(N_BUYER_ROWS),
                    np.ones((N_BUYER_ROWS, 8)), demand, np.ones_like(spent),
                    np.zeros_like(spent), np.zeros_like(spent), spent,
                    np.ones((N_BUYER_ROWS, 8)))


def _settle(rebate: float = 0.0, producer: float = 0.0, duty_share: float = 0.6):
    from sim.economy.processes import settlement

    planned = np.zeros((1, 8))
    planned[0, CLOTHING] = 117.0
    f = firms(1, category=CLOTHING, alive=True)
    return settlement.settle(
        clearing=_market(), planned=planned, kind=np.array([URBAN]), f=f,
        terms=settlement.PaymentTerms(targeted=np.array([True]), rebate_rate=rebate,
                                      producer_rate=producer, price_gap=0.35,
                                      duty_share=duty_share))


def test_household_payments_split_between_firms_the_world_and_duties() -> None:
    """Of 117 spent: 30 abroad and the imports' world price 27 / 1.35 = 20 go to the rest
    of the world; 60% of the gap (7) is duties (4.2); the domestic firm and the importing
    retailers get the rest (60 + 2.8)."""
    paid = _settle()
    assert paid.to_world[0] == pytest.approx(30.0 + 20.0)
    assert paid.duties[0] == pytest.approx(4.2)
    assert paid.to_firms[0] == pytest.approx(62.8)
    assert paid.from_households.sum() == pytest.approx(paid.to_firms.sum())
    assert paid.exports[0] == pytest.approx(50.0)
    assert paid.revenue[0] == pytest.approx(60.0 + 50.0 + 2.8)


def test_rebates_pay_a_rate_of_households_spending_on_targeted_products() -> None:
    paid = _settle(rebate=0.1)
    assert paid.rebates[0] == pytest.approx(0.1 * 60.0)
    assert paid.targeted_spending == pytest.approx(60.0)
    assert paid.targeted_share[CLOTHING] == pytest.approx(60.0 / 117.0)


def test_a_producer_subsidy_pays_a_rate_of_the_unit_cost_of_sales_at_home_only() -> None:
    """At a rate of 20% a maker with a markup of 0.15 and no exports last quarter priced at
    80% of its unsubsidised price; its home receipts of 60 cost 60 / (0.8 x 1.15) to make,
    and the government pays 20% of that. Its exports (50) get nothing, and its export
    share for next quarter's price is 50 / 110."""
    paid = _settle(producer=0.2)
    assert paid.producer_subsidy[0] == pytest.approx(0.2 * 60.0 / (0.8 * 1.15))
    assert paid.export_share[0] == pytest.approx(50.0 / 110.0)
