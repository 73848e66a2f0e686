"""Exit and entry of firms (sim.economy.processes.entry_exit, 三（一）)."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import build, firms, params, rng

from sim.economy.processes import entry_exit
from sim.economy.rules import credit_line


def test_a_firm_whose_overdraft_exceeds_what_the_bank_lends_against_its_assets_is_insolvent(
) -> None:
    """Capital 100 (at a price of 1) and no stock; the bank lends up to 1.5 times net
    worth: debt <= 1.5 (100 - debt), so at most 60."""
    f = firms(3, cash=[-59.0, -61.0, -61.0], capital=100.0, inventory=0.0,
              alive=[True, True, False])
    line = credit_line(f=f, capital_price=1.0, wage_level=1.0, quality_cost=0.3, leverage=1.5)
    np.testing.assert_allclose(line, 60.0)
    assert entry_exit.insolvent(f=f, line=line).tolist() == [1]


def test_closing_firms_pay_their_cash_to_owners_and_the_bank_writes_off_overdrafts() -> None:
    f = firms(3, cash=[50.0, -20.0, 10.0])
    closing = entry_exit.closure(f=f, rows=np.array([0, 1]))
    assert closing.liquidation.tolist() == [50.0, 0.0, 0.0]
    assert closing.written_off.tolist() == [0.0, 20.0, 0.0]


def test_entrants_come_where_profits_beat_the_cost_of_entry() -> None:
    """The same economy and draws: cheap entry brings at least as many entrants as dear
    entry, and entrants meet the minimum standard."""
    model = build()
    model.step()
    p, f, per_agent = model.p, model.firms, model.macro.real_firms_per_agent

    def enter(entry_cost: float, min_standard: float = 0.0) -> entry_exit.Entrants:
        terms = entry_exit.EntryTerms(entry_cost=entry_cost, min_standard=min_standard,
                                      real_firms_per_agent=per_agent)
        return entry_exit.entrants(f=f, p=p, terms=terms, t=1, rng=rng(3))

    cheap, dear = enter(entry_cost=0.0), enter(entry_cost=1e7)
    assert len(cheap) > len(dear)
    strict = enter(entry_cost=0.0, min_standard=0.6)
    assert len(strict) and (strict.attributes["quality"] >= 0.6).all()


def test_the_smallest_firms_and_those_losing_money_for_two_years_exit() -> None:
    """Five food firms, average revenue 80.4: the established firm selling 1 (below 5% of
    the average) exits, so does the one with eight quarters of losses; last quarter's
    entrant selling 1 is given time."""
    fp = params().firms  # floor 5% of the average, eight quarters of losses
    f = firms(5, revenue=[200.0, 100.0, 1.0, 100.0, 1.0], loss_quarters=[0, 8, 0, 0, 0],
              born=[0, 0, 0, 0, 9])
    assert entry_exit.failing(f=f, fp=fp, t=10).tolist() == [1, 2]


def test_entrants_are_financed_by_a_loan_and_firms_retained_profits() -> None:
    """Three food entrants and one clothing entrant, each with a set-up of 100 (the bank
    lends 60% of it against the capital it buys) and working capital 20: owners put in
    60 each, 240 in all. Firms keep 2 quarters of a wage bill of 10 and hold cash 50, 70
    and 140: retained profits 30 + 50 + 120 = 200 finance 200/240 of each category's
    need: two food entrants (150 of 180) and none of clothing (50 of 60); the 120 raised
    come from each firm in proportion to its retained profits; no household deposit is
    touched."""
    p = params(firms={"cash_target_quarters": 2.0})
    f = firms(3, category=[0, 0, 1], cash=[50.0, 70.0, 140.0], wage_bill=10.0)
    category = np.array([0, 0, 0, 1])
    entrants = entry_exit.Entrants({"category": category}, np.full(4, 100.0),
                                   np.full(4, 20.0), np.zeros(4))
    money = entry_exit.financing(f=f, fp=p.firms, entrants=entrants, category=category,
                                 loan_share=0.6)
    assert money.financed.tolist() == [True, True, False, False]
    np.testing.assert_allclose(money.equity, [60.0, 60.0, 0.0, 0.0])
    np.testing.assert_allclose(money.paid, np.array([30.0, 50.0, 120.0]) * 120 / 200)
    assert money.paid.sum() == pytest.approx(money.equity.sum())
