"""Public service facilities (七（二）): capacity from the stock, and its wear."""

from __future__ import annotations

import numpy as np
import pytest

from sim.economy.constants import CAPACITY_SERVICES
from sim.economy.processes import facilities, production


def test_a_yuan_of_facilities_adds_what_a_yuan_of_the_providers_2016_capital_did() -> None:
    # 30 yuan of facilities beside 120 yuan of the providers' 2016 capital: a quarter more
    assert facilities.capacity_added(stock=30.0,
                                     providers_capital_2016=120.0) == pytest.approx(0.25)
    assert facilities.capacity_added(stock=30.0, providers_capital_2016=0.0) == 0.0


def test_the_facilities_wear_out_like_firms_capital_and_deliveries_add_to_them() -> None:
    assert facilities.stock_after(stock=100.0, delivered=5.0,
                                  depreciation=0.025) == pytest.approx(102.5)


def test_the_added_capacity_reaches_only_the_services_the_capacity_lever_scales() -> None:
    category = np.arange(len(CAPACITY_SERVICES))
    multiple = production.capacity_multiplier(category=category, capacity_lever=1.2, growth=0.0,
                                              t=8, facilities=0.25)
    assert np.allclose(multiple[CAPACITY_SERVICES], 1.45)
    assert np.allclose(multiple[~CAPACITY_SERVICES], 1.0)
