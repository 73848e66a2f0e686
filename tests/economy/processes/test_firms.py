"""Firms' plans, taxes and dividends (sim.economy.processes.firms)."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import firms, params

from sim.economy.processes import firms as firm_rules


def test_markups_rise_with_excess_demand_and_fall_with_unsold_stock() -> None:
    fp = params().firms
    f = firms(3, category=0, demand=[200.0, 50.0, 80.0], sales=[100.0, 80.0, 80.0],
              inventory=[0.0, 20.0, 20.0], markup=0.15)
    plans = firm_rules.plan(f, fp, trend=1.0)
    target = 1 / (1 + fp.inventory_target)  # demand over supply at the inventory target
    signal = np.clip(np.array([2.0, 0.5, 0.8]) - target, -0.5, 0.5)
    np.testing.assert_allclose(plans.markup, 0.15 * np.exp(fp.markup_adjustment * signal))
    assert plans.markup[0] > 0.15 > plans.markup[1]
    assert plans.markup[2] == pytest.approx(0.15)  # at the target


def test_expected_demand_moves_towards_demand_at_the_trend() -> None:
    fp = params().firms  # weight 0.5
    f = firms(1, demand=200.0, expected_demand=100.0)
    assert firm_rules.plan(f, fp, trend=1.02).expected_demand[0] == pytest.approx(1.02 * 150.0)


def test_firms_pay_out_a_share_of_their_cash_above_the_target() -> None:
    fp = params().firms  # keep one quarter of wages, pay 80% of the rest
    f = firms(2, cash=[300.0, 50.0], wage_bill=100.0, alive=[True, True])
    np.testing.assert_allclose(firm_rules.dividends(f, fp), [0.8 * 200.0, 0.0])
    np.testing.assert_allclose(firm_rules.production_tax(f, 0.04), 0.04 * f.revenue)
