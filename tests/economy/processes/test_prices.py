"""Prices households face (sim.economy.processes.prices)."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import firms, params

from sim.economy.constants import FOOD, GOODS, RURAL, URBAN
from sim.economy.processes import prices


def test_rural_households_pay_the_surcharge_on_goods_shipped_in_and_rebates_cut_prices() -> None:
    """Goods other than food are shipped into villages and cost 12% more there; food
    (bought locally) and services cost the same as in town."""
    index = np.full(8, 1.2)
    rebates = np.zeros(8)
    rebates[3] = 0.1
    p = prices.household_prices(category_index=index, rebate_by_category=rebates,
                                rural_surcharge=0.12)
    assert p[URBAN, 0] == pytest.approx(1.2)
    assert p[URBAN, 3] == pytest.approx(1.2 * 0.9)
    shipped = GOODS & (np.arange(8) != FOOD)
    np.testing.assert_allclose(p[RURAL, shipped], p[URBAN, shipped] * 1.12)
    np.testing.assert_allclose(p[RURAL, ~shipped], p[URBAN, ~shipped])
    assert p[RURAL, FOOD] == p[URBAN, FOOD]


def test_the_subsistence_basket_is_priced_for_each_household() -> None:
    p = np.ones((3, 8))
    p[RURAL] = 2.0
    basket = prices.basket(params().households.subsistence)
    cost = prices.subsistence_cost(kind=np.array([URBAN, RURAL]), persons=np.array([2.0, 1.0]),
                                   prices=p, quantities=basket)
    assert cost[0] == pytest.approx(2 * basket.sum())
    assert cost[1] == pytest.approx(2 * basket.sum())


def test_the_price_index_is_the_revenue_weighted_quality_adjusted_price() -> None:
    """Two food firms at markups 0.15 and 0.38, productivities 1.15 and 1.38 x 1.2, with
    revenues 3:1, wages 10% above 2016: 1.1 * (0.75 * 1 + 0.25 / 1.2). A firm's own
    productivity gain passed on in its price lowers the index."""
    f = firms(2, markup=[0.15, 0.38], productivity=[1.15, 1.38 * 1.2], revenue=[300.0, 100.0])
    index = prices.category_price_index(f=f, targeted=np.zeros(2, bool), wage_level=1.1,
                                        producer_rate=0.0, previous=np.ones(8))
    assert index[0] == pytest.approx(1.1 * (0.75 * 1.0 + 0.25 / 1.2))
    np.testing.assert_allclose(index[1:], 1.0)  # no sales: the index stays
