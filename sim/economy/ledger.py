"""The ledger: every payment, with payer, payee, amount and purpose, and the
stock-flow checks of MODEL.md section 8.

Sectors hold money as signed deposits at the one bank (a negative balance is an
overdraft: the government's is its debt, a firm's its working-capital loan). A payment
between two non-bank sectors moves deposits; a payment to or from the bank changes the
bank's deposit liabilities and its net worth. Household consumer loans are recorded on
the bank's loan book. The ledger keeps the bank's books; the households', firms',
government's and rest of the world's balances live in their own tables and are
updated by the process that makes the payment. At the end of each quarter the two are
compared (sfctools' "every flow posted on both sides", Godley and Lavoie 2007 ch. 2):

1. each sector's change in net financial wealth equals its recorded net inflow;
2. the sector net inflows sum to zero;
3. the balances in the tables add up to the bank's deposit liabilities, and household
   debt adds up to the bank's loan book.

The largest discrepancy, in yuan, is the step's `ledger_residual`.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

from sim.economy.constants import SECTORS


class AccountingBreach(RuntimeError):
    """Money was created or destroyed outside a named channel."""

    def __init__(self, step: int, sector: str, size: float, gdp: float) -> None:
        self.step, self.sector, self.size = step, sector, size
        super().__init__(
            f"stock-flow check failed at step {step}: sector '{sector}' is off by "
            f"{size:,.2f} yuan ({size / max(abs(gdp), 1.0):.2e} of quarterly GDP)"
        )


@dataclass
class Ledger:
    """Transaction-flow record of one quarter and the bank's books.

    Attributes:
        deposit_liabilities: the bank's deposit liabilities, yuan (signed sum of balances).
        loan_book: the bank's consumer loans to households, yuan.
        other_assets: bank assets outside the model (mortgages, corporate loans,
            reserves), yuan, constant; they close the bank's balance sheet.
        flows: this quarter's payments, yuan, keyed by (purpose, payer, payee).
    """

    deposit_liabilities: float = 0.0
    loan_book: float = 0.0
    other_assets: float = 0.0
    flows: dict[tuple[str, str, str], float] = field(default_factory=lambda: defaultdict(float))
    net_inflow: dict[str, float] = field(default_factory=lambda: dict.fromkeys(SECTORS, 0.0))
    loans_originated: float = 0.0
    loans_repaid: float = 0.0

    @property
    def bank_net_worth(self) -> float:
        """Bank net financial wealth (equity), yuan."""
        return self.loan_book + self.other_assets - self.deposit_liabilities

    def open_quarter(self) -> None:
        """Start a new quarter's transaction-flow record."""
        self.flows = defaultdict(float)
        self.net_inflow = dict.fromkeys(SECTORS, 0.0)
        self.loans_originated = self.loans_repaid = 0.0

    def pay(self, purpose: str, payer: str, payee: str, amount: float) -> None:
        """Record a payment of `amount` yuan from sector `payer` to sector `payee`."""
        amount = float(amount)
        if not math.isfinite(amount) or amount < 0.0:
            raise ValueError(f"payment '{purpose}' {payer}->{payee} has amount {amount}")
        if payer not in self.net_inflow or payee not in self.net_inflow:
            raise KeyError(f"unknown sector in payment '{purpose}': {payer}->{payee}")
        self.flows[(purpose, payer, payee)] += amount
        self.net_inflow[payer] -= amount
        self.net_inflow[payee] += amount
        if payer == "bank":
            self.deposit_liabilities += amount
        if payee == "bank":
            self.deposit_liabilities -= amount

    def lend(self, amount: float) -> None:
        """New consumer loans: the bank credits households' deposits (money is created)."""
        self.loan_book += amount
        self.deposit_liabilities += amount
        self.loans_originated += amount

    def repay(self, amount: float) -> None:
        """Principal repaid from households' deposits (money is destroyed)."""
        self.loan_book -= amount
        self.deposit_liabilities -= amount
        self.loans_repaid += amount

    def write_off(self, amount: float) -> None:
        """Household loans written off: a capital transfer from the bank to households."""
        self.loan_book -= amount
        self.flows[("loan_writeoff", "bank", "households")] += amount
        self.net_inflow["bank"] -= amount
        self.net_inflow["households"] += amount

    def total(self, purpose: str) -> float:
        """Sum of this quarter's payments with the given purpose, yuan."""
        return sum(v for (p, _, _), v in self.flows.items() if p == purpose)

    def residuals(
        self,
        wealth_before: dict[str, float],
        wealth_after: dict[str, float],
        deposits_in_tables: float,
        debt_in_tables: float,
    ) -> dict[str, float]:
        """Absolute discrepancies of the three checks, yuan, by sector or check name."""
        out = {
            s: abs((wealth_after[s] - wealth_before[s]) - self.net_inflow[s]) for s in SECTORS
        }
        out["net_lending_sum"] = abs(sum(self.net_inflow.values()))
        out["deposits"] = abs(deposits_in_tables - self.deposit_liabilities)
        out["loans"] = abs(debt_in_tables - self.loan_book)
        return out
