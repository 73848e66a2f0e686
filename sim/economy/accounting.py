"""Step 12 of the quarter: the stock-flow checks of MODEL.md section 8.

Net financial wealth of each sector is recomputed from the agents' own tables
(households' deposits less debt, firms' deposits, the government's and the rest of the
world's accounts) and from the bank's books, and compared with the ledger's record of
the quarter's payments. The largest discrepancy is the step's `ledger_residual`; above
`TOLERANCE` times quarterly GDP (see `scale`) the run stops with the step, sector and
size.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sim.economy.ledger import AccountingBreach

if TYPE_CHECKING:
    from sim.economy.model import EconomyModel

TOLERANCE = 1e-6  # of quarterly GDP (MODEL.md section 8)


def net_wealth(model: EconomyModel) -> dict[str, float]:
    """Net financial wealth of each sector, yuan, from the agents' tables."""
    h, f = model.households, model.firms
    return {
        "households": model.scale * (h.deposits.sum() - h.debt.sum()),
        "firms": float(f.cash.sum()),
        "bank": model.ledger.bank_net_worth,
        "government": model.government.account,
        "rest_of_world": model.world.account,
    }


def deposits_in_tables(model: EconomyModel) -> float:
    """All deposit balances held in the tables, yuan (signed)."""
    return (model.scale * model.households.deposits.sum() + model.firms.cash.sum()
            + model.government.account + model.world.account)


def scale(model: EconomyModel, gdp: float) -> float:
    """What the residual is measured against: quarterly GDP, but never less than a
    millionth of the money stock (an economy whose markets have collapsed has almost
    no GDP, yet rounding on its deposits is still rounding)."""
    return max(abs(gdp), 1e-6 * abs(model.ledger.deposit_liabilities), 1.0)


def close_quarter(model: EconomyModel, gdp: float) -> float:
    """Run the checks; return the largest residual in yuan or raise AccountingBreach."""
    residuals = model.ledger.residuals(
        model.wealth_at_start, net_wealth(model), deposits_in_tables(model),
        model.scale * model.households.debt.sum(),
    )
    sector, worst = max(residuals.items(), key=lambda kv: kv[1])
    if not worst <= TOLERANCE * scale(model, gdp):
        raise AccountingBreach(model.t, sector, worst, gdp)
    return worst
