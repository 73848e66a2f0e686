"""The bank and the government as users inspect them: views on the ledger, which keeps
their books (sim.economy.ledger), and on the aggregate state."""

from __future__ import annotations

from sim.economy.ledger import Ledger
from sim.economy.state import Macro


class Bank:
    """The one bank.

    Attributes:
        equity_target: net worth the bank keeps; profits above it are paid out, yuan.
    """

    def __init__(self, ledger: Ledger, equity_target: float) -> None:
        self._ledger = ledger
        self.equity_target = equity_target

    @property
    def deposits(self) -> float:
        """Deposit liabilities to households, firms, government and the world, yuan."""
        return self._ledger.deposit_liabilities

    @property
    def loans(self) -> float:
        """Consumer loans outstanding, yuan."""
        return self._ledger.loan_book

    @property
    def equity(self) -> float:
        """Net worth, yuan."""
        return self._ledger.bank_net_worth

    @property
    def loan_losses(self) -> float:
        """Household loans written off this quarter, yuan."""
        return self._ledger.total("loan_writeoff")

    @property
    def interest_income(self) -> float:
        """Loan and government-bond interest received this quarter, yuan."""
        return self._ledger.total("loan_interest") + self._ledger.total("government_interest")


class Government:
    """The provincial government's account and stocks."""

    def __init__(self, ledger: Ledger, macro: Macro) -> None:
        self._ledger, self._macro = ledger, macro

    @property
    def account(self) -> float:
        """Deposit balance, yuan (negative: debt)."""
        return self._ledger.government

    @property
    def debt(self) -> float:
        """Government debt, yuan."""
        return -self._ledger.government

    @property
    def infrastructure(self) -> float:
        """Rural logistics capital stock, yuan at 2016 prices."""
        return self._macro.logistics_stock

    @property
    def rural_surcharge(self) -> float:
        """Delivered-price surcharge on goods for rural households now."""
        return self._macro.rural_surcharge
