"""Goods are conserved too: each firm's output equals its sales, its change in inventory
and its losses, every quarter (sim.economy.goods)."""

from __future__ import annotations

import numpy as np
import pytest
from claims import seed
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
    model = build([f"seed={seed(2)}", "scenario=full_plan"])
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

    model = build([f"seed={seed(0)}"])  # (the burn-in runs clean)
    monkeypatch.setattr(firm_rules, "plan", leaky)
    with pytest.raises(GoodsBreach):
        for _ in range(2):
            model.step()


def test_capital_comes_only_from_the_capital_goods_sector_and_leaves_by_wear_or_scrapping(
) -> None:
    """A firm with 100 of capital receives 10 and loses 2.5 to wear: 107.5. Capital that
    appears without a delivery, or a sector output that nobody received, stops the run."""
    f = firms(2, capital=100.0, inventory=0.0)
    account = GoodsAccount.open(f, 3)
    account.make_capital_goods(10.0, 10.0)
    account.install(np.array([10.0, 0.0]))
    account.retire(np.array([2.5, 2.5]))
    f.capital = np.array([107.5, 97.5])
    assert account.close(f, np.zeros(2), np.zeros(2)) == pytest.approx(0.0)
    f.capital = np.array([107.5, 98.5])  # firm 1 holds capital it never bought
    with pytest.raises(GoodsBreach, match="firm 1's change in capital"):
        account.close(f, np.zeros(2), np.zeros(2))
    f.capital = np.array([107.5, 97.5])
    account.make_capital_goods(5.0, 0.0)  # made but not delivered
    with pytest.raises(GoodsBreach, match="capital-goods sector's output"):
        account.close(f, np.zeros(2), np.zeros(2))


def test_firms_and_the_government_buy_investment_goods_that_count_in_gdp() -> None:
    """Investment is bought from the capital-goods sector, whose workers and owners are
    households; with the government's logistics investment and households' dwellings it
    is part of GDP. The sector pays out what it earns: it holds only what households
    prepaid for the dwellings it has still to build."""
    model = build([f"seed={seed(1)}"])
    for _ in range(2):
        model.step()
    flows = model.ledger
    assert flows.total("fixed_investment") > 0 and flows.total("rural_infrastructure") > 0
    assert flows.total("capital_goods_wages") > 0
    assert model.timeseries()["investment"].iloc[-1] > 0.05 * model.timeseries()["gdp"].iloc[-1]
    assert flows.total("housing_investment") > 0
    assert flows.capital_goods == pytest.approx(model.macro.dwellings_prepaid, rel=1e-9)
