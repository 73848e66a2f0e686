"""Exit and entry of firms (sim.economy.processes.entry_exit, 三（一）)."""

from __future__ import annotations

import numpy as np
from helpers import build, firms, levers, params, rng

from sim.economy.processes import entry_exit


def test_a_firm_whose_overdraft_exceeds_its_limit_is_insolvent() -> None:
    fp = params().firms  # half a quarter of revenue (or wage bill)
    f = firms(3, cash=[-40.0, -60.0, -60.0], revenue=100.0, wage_bill=80.0,
              alive=[True, True, False])
    assert entry_exit.insolvent(f, fp).tolist() == [1]


def test_closing_firms_pay_their_cash_to_owners_and_the_bank_writes_off_overdrafts() -> None:
    f = firms(3, cash=[50.0, -20.0, 10.0])
    closing = entry_exit.closure(f, np.array([0, 1]))
    assert closing.liquidation.tolist() == [50.0, 0.0, 0.0]
    assert closing.written_off.tolist() == [0.0, 20.0, 0.0]


def test_entrants_come_where_profits_beat_the_cost_of_entry() -> None:
    """The same economy and draws: cheap entry brings at least as many entrants as dear
    entry, and entrants meet the minimum standard."""
    model = build()
    model.step()
    p, f = model.p, model.firms
    cheap = entry_exit.entrants(f, p, levers(**{"market_access.entry_cost": 0.0}), rng(3))
    dear = entry_exit.entrants(f, p, levers(**{"market_access.entry_cost": 1e7}), rng(3))
    assert len(cheap) >= len(dear)
    strict = entry_exit.entrants(f, p, levers(**{"quality.min_standard": 0.6,
                                                 "market_access.entry_cost": 0.0}), rng(3))
    assert all(e.attributes["quality"] >= 0.6 for e in strict)
