"""Goods are conserved too: each firm's output equals its sales, its change in inventory
and its losses, every quarter (sim.economy.goods)."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import build, firms

from sim.economy.goods import GoodsAccount, GoodsBreach
from sim.economy.processes import firms as firm_rules


def test_output_is_sold_stocked_or_lost() -> None:
    """A goods firm makes 100 with 20 in stock, sells 90, keeps 30 of which 5% decays;
    a service firm makes 100 and sells 80: 20 of capacity are lost."""
    f = firms(2, category=[0, 5], inventory=[20.0, 0.0])
    account = GoodsAccount.open(f, 0)
    f.inventory = np.array([30.0, 0.0])
    account.lose(np.array([0.0, 20.0]))
    account.lose(np.array([1.5, 0.0]))
    f.inventory = np.array([28.5, 0.0])
    assert account.close(f, np.array([100.0, 100.0]), np.array([90.0, 80.0])) == 0.0


def test_a_unit_that_vanishes_stops_the_run_naming_the_firm() -> None:
    f = firms(3, inventory=0.0)
    account = GoodsAccount.open(f, 4)
    f.inventory = np.array([10.0, 11.0, 10.0])  # firm 1 holds one unit it never made
    with pytest.raises(GoodsBreach, match="step 4: firm 1"):
        account.close(f, np.full(3, 100.0), np.full(3, 90.0))


def test_the_goods_account_closes_in_every_quarter_with_entry_exit_and_a_standard() -> None:
    model = build(["seed=2", "scenario=full_plan"])
    for _ in range(8):
        model.step()  # closes the account, or raises GoodsBreach
    ts = model.timeseries()  # (the account was closed with firms entering and leaving)
    assert ts["firm_exits"].sum() > 0 and ts["firm_entries"].sum() > 0


def test_stock_that_goes_missing_outside_its_decay_rule_is_caught(monkeypatch) -> None:
    """If firms' plans lost 1% more of their stocks than `firms.inventory_decay` says,
    the quarter stops at the goods account."""
    original = firm_rules.plan

    def leaky(*args, **kwargs):
        plans = original(*args, **kwargs)
        plans.inventory = plans.inventory * 0.99
        return plans

    monkeypatch.setattr(firm_rules, "plan", leaky)
    model = build(["seed=0"])
    with pytest.raises(GoodsBreach):
        for _ in range(2):
            model.step()
