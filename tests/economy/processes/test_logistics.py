"""Rural logistics capital lowers the delivery surcharge (sim.economy.processes.logistics,
五（二）)."""

from __future__ import annotations

import pytest

from sim.economy.processes import logistics


def test_the_surcharge_falls_with_the_logistics_stock_at_a_constant_elasticity() -> None:
    assert logistics.rural_surcharge(cost_markup=0.12, stock_2016=100.0, stock=100.0,
                                     elasticity=0.3) == pytest.approx(0.12)
    # Doubling the stock at elasticity 0.5 divides the surcharge by the square root of 2.
    assert logistics.rural_surcharge(cost_markup=0.12, stock_2016=100.0, stock=200.0,
                                     elasticity=0.5) == pytest.approx(0.12 / 2**0.5)


def test_delivered_investment_adds_to_the_stock_and_the_stock_wears_out() -> None:
    # 30 yuan at 2016 prices of logistics capital delivered by the capital-goods sector
    # to a stock of 100 that loses 2% a quarter
    assert logistics.stock_after(stock=100.0, delivered=30.0,
                                 depreciation=0.02) == pytest.approx(128.0)
    # The 2016 investment (2 bn a quarter) holds the 2016 stock (100 bn) at the declared
    # 2% a quarter: the baseline surcharge moves only as the real investment grows.
    assert logistics.stock_after(stock=1.0e11, delivered=2.0e9,
                                 depreciation=0.02) == pytest.approx(1.0e11)
