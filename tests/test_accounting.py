"""Money is conserved: every payment is posted on both sides and stocks follow flows
(MODEL.md section 8)."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import build

from sim.economy import accounting
from sim.economy.accounting import TOLERANCE
from sim.economy.constants import SECTORS
from sim.economy.ledger import AccountingBreach
from sim.economy.processes import incomes


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_money_is_conserved_in_every_quarter(seed: int) -> None:
    model = build([f"seed={seed}"])
    for _ in range(10):
        model.step()
        gdp = model.records[-1]["gdp"]
        tol = TOLERANCE * gdp
        assert model.records[-1]["ledger_residual"] <= tol

        # Independent recomputation: sector net inflows from the transaction-flow
        # matrix, against stock changes read from the agents' own tables.
        net = dict.fromkeys(SECTORS, 0.0)
        for (_, payer, payee), amount in model.ledger.flows.items():
            net[payer] -= amount
            net[payee] += amount
        after = accounting.net_wealth(model)
        for sector in SECTORS:
            change = after[sector] - model.wealth_at_start[sector]
            assert change == pytest.approx(net[sector], abs=tol), sector
        assert sum(net.values()) == pytest.approx(0.0, abs=tol)

        # Deposits equal the bank's deposit liabilities; loans equal household debt.
        h, f = model.households, model.firms
        deposits = (model.scale * h.deposits.sum() + f.cash.sum() + model.government.account
                    + model.world.account)
        assert deposits == pytest.approx(model.ledger.deposit_liabilities, abs=tol)
        assert model.scale * h.debt.sum() == pytest.approx(model.ledger.loan_book, abs=tol)


def test_stocks_never_go_negative_where_they_cannot() -> None:
    model = build()
    for _ in range(10):
        model.step()
        h, f = model.households, model.firms
        assert (h.deposits >= -1e-6).all()
        assert (h.debt >= -1e-6).all()
        assert (f.inventory >= -1e-6).all()
        assert (h.trust >= 0).all() and (h.trust <= 1).all()


def test_money_created_outside_the_ledger_stops_the_run(monkeypatch) -> None:
    """A payment that is not posted is caught, with the step and the sector."""
    original = incomes.run

    def leaky(model) -> None:
        original(model)
        if model.t == 2:
            model.households.deposits[0] += 1e9  # an unrecorded gift

    monkeypatch.setattr(incomes, "run", leaky)
    model = build()
    with pytest.raises(AccountingBreach) as caught:
        for _ in range(4):
            model.step()
    assert caught.value.step == 2
    assert caught.value.sector in ("households", "deposits")
    assert np.isfinite(caught.value.size) and caught.value.size > 0
