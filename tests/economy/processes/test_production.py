"""Firms' labour demand and output (sim.economy.processes.production)."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import firms, params

from sim.economy.constants import CATEGORY_INDEX
from sim.economy.processes import production

HEALTHCARE = CATEGORY_INDEX["healthcare"]


def test_goods_firms_produce_for_sales_and_restock_part_of_the_gap_to_their_target(
) -> None:
    """Expected sales 100, target 0.25 quarters of sales (25), 10 units in stock: the
    firm makes its sales and half the 15 missing (production smoothing), 107.5 units, at
    (1 + 0.3 * 0.3) / 1.15 efficiency units each; at adjustment 1, 115."""
    fp = params().firms
    f = firms(1, expected_demand=100.0, inventory=10.0, quality=0.3)
    demand = production.labour_demand(f=f, fp=fp, growth_index=1.0, capacity=np.ones(1),
                                      capital_capacity=np.full(1, np.inf))
    assert demand[0] == pytest.approx(107.5 * (1 + 0.3 * 0.3) / 1.15)
    fp.inventory_adjustment = 1.0
    assert production.labour_demand(f=f, fp=fp, growth_index=1.0, capacity=np.ones(1),
                                    capital_capacity=np.full(1, np.inf))[0] == \
        pytest.approx(115.0 * (1 + 0.3 * 0.3) / 1.15)


def test_service_firms_hire_within_their_capacity_which_the_lever_scales() -> None:
    fp = params().firms
    f = firms(2, category=HEALTHCARE, expected_demand=1000.0, capacity=50.0)
    multiplier = production.capacity_multiplier(category=f.category, capacity_lever=1.5, growth=0.0,
                                                t=4)
    np.testing.assert_allclose(multiplier, 1.5)
    np.testing.assert_allclose(
        production.labour_demand(f=f, fp=fp, growth_index=1.0, capacity=multiplier,
                                 capital_capacity=np.full(2, np.inf)), 75.0)


def test_exited_firms_want_no_labour_and_output_follows_labour() -> None:
    fp = params().firms
    f = firms(2, alive=[True, False], labour=[109.0, 0.0], quality=0.3)
    assert production.labour_demand(f=f, fp=fp, growth_index=1.0, capacity=np.ones(2),
                                    capital_capacity=np.full(2, np.inf))[1] == 0.0
    np.testing.assert_allclose(production.output(f=f, fp=fp, growth_index=1.0,
                                                 capital_capacity=np.full(2, np.inf)),
                               [109.0 * 1.15 / 1.09, 0.0])


def test_capital_caps_output_and_the_labour_firms_want() -> None:
    """Labour and capital in fixed proportions: a firm whose capital makes 80 units a
    quarter wants the labour for 80 of the 107.5 units it would like to make, and makes at
    most 80 whatever labour it has."""
    fp = params().firms
    f = firms(1, expected_demand=100.0, inventory=10.0, quality=0.3, labour=200.0)
    per_unit = (1 + 0.3 * 0.3) / 1.15
    demand = production.labour_demand(f=f, fp=fp, growth_index=1.0, capacity=np.ones(1),
                                      capital_capacity=np.array([80.0]))
    assert demand[0] == pytest.approx(80.0 * per_unit)
    assert production.output(f=f, fp=fp, growth_index=1.0,
                             capital_capacity=np.array([80.0]))[0] == pytest.approx(80.0)
