"""Money is conserved: stocks follow the recorded flows in every sector and every quarter
(sim.economy.accounting), checked here against an independent recomputation."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import build

from sim.economy.accounting import TOLERANCE
from sim.economy.constants import SECTORS
from sim.economy.ledger import AccountingBreach
from sim.economy.processes import incomes
from sim.economy.purposes import PURPOSES


@pytest.mark.parametrize("seed", [0, 1])
def test_money_is_conserved_in_every_quarter(seed: int) -> None:
    model = build([f"seed={seed}", "scenario=full_plan"])
    for _ in range(6):
        before = model.ledger.net_wealth()
        model.step()
        ledger = model.ledger
        tol = TOLERANCE * model.records[-1]["gdp"]
        assert model.records[-1]["ledger_residual"] <= tol

        # Independent recomputation: net inflows from the transaction-flow matrix, against
        # stock changes read from the agents' own tables.
        net = dict.fromkeys(SECTORS, 0.0)
        for (purpose, payer, payee), amount in ledger.flows.items():
            if PURPOSES[purpose].instrument in ("deposits", "write_off"):
                net[payer] -= amount
                net[payee] += amount
        after = ledger.net_wealth()
        for sector in SECTORS:
            assert after[sector] - before[sector] == pytest.approx(net[sector], abs=tol), sector
        assert sum(net.values()) == pytest.approx(0.0, abs=tol)

        h, f = model.households, model.firms
        # (the capital-goods sector holds what households prepaid for dwellings it has
        # still to build)
        deposits = (model.scale * h.deposits.sum() + f.cash.sum() + ledger.government
                    + ledger.rest_of_world + ledger.rest_of_china
                    + ledger.capital_goods)
        assert deposits == pytest.approx(ledger.deposit_liabilities, abs=tol)
        assert model.scale * h.debt.sum() == pytest.approx(ledger.loan_book, abs=tol)


def test_stocks_never_go_negative_where_they_cannot() -> None:
    model = build()
    for _ in range(6):
        model.step()
        h, f = model.households, model.firms
        assert (h.deposits >= -1e-6).all() and (h.debt >= -1e-6).all()
        assert (f.inventory >= -1e-6).all()
        assert (h.trust >= 0).all() and (h.trust <= 1).all()


def test_money_created_outside_the_ledger_stops_the_run_in_the_same_process(
        monkeypatch) -> None:
    original = incomes.flows

    def leaky(**kwargs):
        out = original(**kwargs)
        kwargs["h"].deposits[0] += 1e9  # an unrecorded gift
        return out

    model = build()
    model.step()
    monkeypatch.setattr(incomes, "flows", leaky)
    with pytest.raises(AccountingBreach) as caught:
        model.step()
    assert caught.value.step == 1 and caught.value.process == "incomes"
    assert caught.value.sector == "households" and caught.value.purpose is None
    assert np.isfinite(caught.value.size) and caught.value.size > 0
