"""The capital-goods sector and firms' investment (sim.economy.processes.capital_goods,
sim.economy.processes.investment)."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from helpers import firms, params

from sim.economy.processes import capital_goods, investment


def test_a_unit_of_capital_costs_the_wage_level_and_takes_less_labour_as_productivity_grows(
) -> None:
    """Markup 0.2: a 2016 unit takes 1/1.2 efficiency units of labour, paid 1 yuan each,
    and sells at 1 yuan; with labour 10% more productive it takes 1/1.32."""
    cp = params().capital
    assert capital_goods.price(wage_level=1.0) == 1.0
    assert capital_goods.labour_per_unit(cp=cp,
                                         growth_index=1.0) == pytest.approx(1.0 / (1.0 + cp.markup))
    assert capital_goods.labour_per_unit(cp=cp,
                                         growth_index=1.1) == pytest.approx(1.0 / (1.2 * 1.1))


def test_upgrades_are_delivered_first_and_the_other_orders_pro_rata() -> None:
    """Orders: firm 0 wants 40 units for capacity, firm 1 an upgrade worth 10 units (a
    quality step of 0.1), the government 50 units of rural logistics. Output 70: the
    upgrade in full, then 60 of the 90 other units, two thirds of each order."""
    f = firms(2, ordered_capital=[40.0, 0.0], ordered_upgrade=[0.0, 10.0],
              ordered_quality=[0.0, 0.1])
    assert capital_goods.on_order(f=f, public=50.0) == pytest.approx(100.0)
    made = capital_goods.deliver(f=f, public=50.0, output=70.0)
    np.testing.assert_allclose(made.upgrade, [0.0, 10.0])
    np.testing.assert_allclose(made.quality, [0.0, 0.1])
    np.testing.assert_allclose(made.capacity, [40.0 * 2 / 3, 0.0])
    assert made.public == pytest.approx(50.0 * 2 / 3)
    assert made.total == pytest.approx(70.0)
    # Enough labour: every order in full, never more.
    assert capital_goods.deliver(f=f, public=50.0, output=100.0).total == pytest.approx(100.0)


def test_a_retooling_is_built_in_equal_parts_each_adding_its_share_of_quality() -> None:
    """Time to build: an upgrade worth 12 units (a quality step of 0.12) built over four
    quarters has a pace of 3 units: each quarter 3 units are due and delivered, adding
    0.03 of quality; with 4.5 units left (a pace of 3), 3 are due, then the last 1.5; an
    order without a pace is due whole (a rushed one, or one placed before paces)."""
    f = firms(3, ordered_upgrade=[12.0, 4.5, 2.0], ordered_quality=[0.12, 0.045, 0.02],
              upgrade_pace=[3.0, 3.0, 0.0])
    np.testing.assert_allclose(capital_goods.upgrades_due(f), [3.0, 3.0, 2.0])
    assert capital_goods.on_order(f=f, public=0.0) == pytest.approx(8.0)
    made = capital_goods.deliver(f=f, public=0.0, output=100.0)
    np.testing.assert_allclose(made.upgrade, [3.0, 3.0, 2.0])
    np.testing.assert_allclose(made.quality, [0.03, 0.03, 0.02])
    f.ordered_upgrade = f.ordered_upgrade - made.upgrade
    np.testing.assert_allclose(capital_goods.upgrades_due(f), [3.0, 1.5, 0.0])


def test_the_sector_pays_wages_tax_and_the_rest_to_its_owners() -> None:
    """Sales 120, wages 100, tax 4% of sales: 15.2 of profit, 20% of it dividend tax."""
    a = capital_goods.accounts(sales=120.0, wages=100.0, tax_rate=0.04, dividend_tax=0.2)
    assert a.tax == pytest.approx(4.8)
    assert a.dividends + a.dividend_tax == pytest.approx(15.2)
    assert a.dividend_tax == pytest.approx(0.2 * 15.2)
    assert a.wages + a.tax + a.dividends + a.dividend_tax == pytest.approx(a.sales)


def test_firms_close_part_of_their_capital_gap_each_quarter_as_far_as_they_can_pay(
) -> None:
    """Capital-output ratio 2 and target use 0.8: 100 units a quarter need 250 of capital.
    Firm 0 will have 195 of its 200 after next quarter's wear (2.5%): a gap of 55, of
    which 5 replaces the wear; at an adjustment speed of 0.4 (no trend) it orders
    5 + 0.4 x 50 = 25. Firm 1 will have 260.0: its gap, -10.0, is below its wear, 6.7,
    by 16.7, and 0.4 of that cancels the wear: it orders nothing. Firm 2 could pay only
    12 (headroom 6 at price 1, with half of a new machine's value lent against it)."""
    cp = dataclasses.replace(params().capital, adjustment_speed=0.4)
    f = firms(3, expected_demand=100.0, capital=[200.0, 266.7, 200.0])
    assert investment.desired_capital(expected_demand=100.0, cp=cp) == pytest.approx(250.0)
    ordered = investment.orders(f=f, cp=cp, headroom=np.array([1e6, 1e6, 6.0]), capital_price=1.0,
                                collateral_share=0.5, trend=0.0)
    np.testing.assert_allclose(ordered, [25.0, 0.0, 12.0], atol=0.02)


def test_at_full_speed_a_firm_orders_its_whole_gap_and_the_trend_is_normal_investment(
) -> None:
    """Speed 1 orders the whole gap (55, the accelerator without smoothing); with a trend
    of 1.6% a quarter a firm whose capital is just what it needs orders its wear and the
    trend, (2.5% + 1.6%) of its capital, whatever the speed (its gap is that)."""
    fast = dataclasses.replace(params().capital, adjustment_speed=1.0)
    f = firms(1, expected_demand=100.0, capital=[200.0])
    assert investment.orders(f=f, cp=fast, headroom=np.array([1e6]), capital_price=1.0,
                             collateral_share=0.5, trend=0.0)[0] == \
        pytest.approx(55.0)
    slow = dataclasses.replace(params().capital, adjustment_speed=0.2)
    # (capital that needs 250 next quarter at 1.6% growth: 250 / 1.016)
    settled = firms(1, expected_demand=100.0, capital=[250.0 / 1.016])
    for cp in (fast, slow):
        normal = (cp.depreciation + 0.016) * settled.capital[0]
        assert investment.orders(f=settled, cp=cp, headroom=np.array([1e6]), capital_price=1.0,
                                 collateral_share=0.5, trend=0.016)[0] \
            == pytest.approx(normal)


def test_capital_wears_out_and_caps_capacity() -> None:
    cp = params().capital
    f = firms(2, capital=[400.0, 400.0], alive=[True, False])
    np.testing.assert_allclose(investment.depreciation(f=f, cp=cp), [400.0 * cp.depreciation, 0.0])
    np.testing.assert_allclose(investment.capacity(capital=f.capital, cp=cp), 400.0 / 2.0)
