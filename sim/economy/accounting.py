"""Step 12 of the quarter: the stock-flow checks (docs/model.md, "Money and the ledger").

Net financial wealth of each sector is recomputed from the agents' own tables
(households' deposits less debt, firms' deposits) and the ledger's books (the bank, the
government, the rest of the world), and compared with the quarter's recorded payments:

1. each sector's change in net financial wealth equals its recorded net inflow;
2. the sector net inflows sum to zero;
3. the balances add up to the bank's deposit liabilities, and household debt adds up
   to the bank's loan book.

The largest discrepancy, in yuan, is the step's `ledger_residual`; above `TOLERANCE`
times quarterly GDP (see `scale`) the run stops with the step, sector and size.
"""

from __future__ import annotations

from sim.economy.constants import SECTORS
from sim.economy.ledger import AccountingBreach, Ledger

TOLERANCE = 1e-6  # of quarterly GDP


def residuals(ledger: Ledger, wealth_before: dict[str, float]) -> dict[str, float]:
    """Absolute discrepancies of the three checks, yuan, by sector or check name."""
    after = ledger.net_wealth()
    out = {s: abs((after[s] - wealth_before[s]) - ledger.net_inflow[s]) for s in SECTORS}
    out["net_lending_sum"] = abs(sum(ledger.net_inflow.values()))
    out["deposits"] = abs(ledger.deposits_in_tables() - ledger.deposit_liabilities)
    out["loans"] = abs(ledger.scale * ledger.households.debt.sum() - ledger.loan_book)
    return out


def scale(ledger: Ledger, gdp: float) -> float:
    """What the residual is measured against: quarterly GDP, but never less than a
    millionth of the money stock (an economy whose markets have collapsed has almost no
    GDP, yet rounding on its deposits is still rounding)."""
    return max(abs(gdp), 1e-6 * abs(ledger.deposit_liabilities), 1.0)


def close_quarter(ledger: Ledger, wealth_before: dict[str, float], gdp: float) -> float:
    """Run the checks; return the largest residual in yuan or raise AccountingBreach."""
    found = residuals(ledger, wealth_before)
    sector, worst = max(found.items(), key=lambda kv: kv[1])
    if not worst <= TOLERANCE * scale(ledger, gdp):
        raise AccountingBreach(ledger.step, sector, worst, gdp)
    return worst
