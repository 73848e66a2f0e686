"""Firms' plans, taxes and dividends (sim.economy.processes.firms)."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import firms, params

from sim.economy.processes import firms as firm_rules


def test_overdrafts_pay_the_firm_loan_rate_and_losses_accumulate() -> None:
    f = firms(3, cash=[-400.0, 100.0, -400.0], alive=[True, True, False],
              profit=[-1.0, 5.0, -1.0], loss_quarters=[2, 3, 0])
    np.testing.assert_allclose(firm_rules.overdraft_interest(f=f, annual_rate=0.0435),
                               [0.0435 / 4 * 400.0, 0.0, 0.0])
    assert firm_rules.losses(f).tolist() == [3, 0, 0]  # a profit resets the count


def test_expected_demand_moves_towards_demand_at_the_trend() -> None:
    fp = params().firms  # weight 0.5
    f = firms(1, demand=200.0, expected_demand=100.0)
    assert firm_rules.plan(f=f, fp=fp, trend=1.02).expected_demand[0] == pytest.approx(1.02 * 150.0)


def test_firms_pay_out_a_share_of_their_cash_above_the_target() -> None:
    fp = params().firms  # keep one quarter of wages, pay 80% of the rest
    f = firms(2, cash=[300.0, 50.0], wage_bill=100.0, alive=[True, True])
    np.testing.assert_allclose(firm_rules.dividends(f=f, fp=fp), [0.8 * 200.0, 0.0])
    np.testing.assert_allclose(firm_rules.production_tax(f=f, rate=0.04), 0.04 * f.revenue)
