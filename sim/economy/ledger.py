"""The ledger: the one way money moves, and the balances of the sectors that are not
agent tables (docs/model.md, "Money and the ledger").

`Ledger.pay(purpose, ...)` is the payment primitive: it changes the payer's and the
payee's balances and records the flow (payer, payee, purpose, amount) in one call,
vectorised over households' or firms' rows (sfctools' "every flow posted on both sides",
Godley and Lavoie 2007 ch. 2). Purposes are declared in sim.economy.purposes with the
sectors that pay and receive and the stocks they move; nothing else in the model
writes a balance.

Balances: households' deposits and consumer debt (per real household, in the household
table; the ledger records province totals, `scale` times the agents' sum), firms' cash
(province totals per firm agent, negative: an overdraft), and, kept here, the
government's, the capital-goods sector's and the rest of the world's accounts at the
bank and the bank's books (deposit liabilities, consumer loans, assets outside the
model). Households'
disposable income this quarter is the sum of the flows declared `income`.

`audit(process)`, run after each process of the quarter, compares the balances in the
tables with the opening balances plus the recorded payments, firm by firm (so flows
inside the firm sector are covered) and for households in total, and names the process
and the payment that broke them. The quarter's stock-flow check is
sim.economy.accounting.
"""

from __future__ import annotations

import math
from collections import defaultdict
from typing import TYPE_CHECKING

import numpy as np

from sim.economy.constants import SECTORS
from sim.economy.kernels import jit
from sim.economy.purposes import PURPOSES, TABLES, Purpose

if TYPE_CHECKING:
    from sim.economy.agents import FirmTable, HouseholdTable

AUDIT_TOLERANCE = 1e-9  # of the turnover of balances: rounding is far below it


class AccountingBreach(RuntimeError):
    """Money was created or destroyed outside a named channel.

    Attributes:
        step: the quarter (0 = the first).
        sector: the sector (or check) whose balances are off.
        size: how far off, yuan.
        process: the process after which it was found (None: at the quarter's close).
        purpose: the payment that explains it, if one does.
    """

    def __init__(self, step: int, sector: str, size: float, gdp: float | None = None, *,
                 process: str | None = None, purpose: str | None = None,
                 detail: str = "") -> None:
        self.step, self.sector, self.size = step, sector, size
        self.process, self.purpose = process, purpose
        where = (f"after {process}" if process else f"in payment '{purpose}'" if purpose
                 else "at the end of the quarter")
        scale = f" ({size / max(abs(gdp), 1.0):.2e} of quarterly GDP)" if gdp else ""
        amount = f"{size:,.2f}" if size >= 0.01 else f"{size:.3g}"
        super().__init__(f"stock-flow check failed at step {step}, {where}: sector '{sector}' "
                         f"is off by {amount} yuan{scale}{detail}")


@jit
def _move_households(deposits, debt, income, amount, deposit_sign, debt_sign, income_sign):
    """Apply one payment to every household's balances in one pass; returns the sum of
    `amount` (yuan per real household). (Each combination of the stocks a purpose moves
    has its own loop, so that no stock is written that does not change.)"""
    total = 0.0
    n = len(amount)
    if debt_sign == 0.0 and income_sign == 0.0:
        for i in range(n):
            deposits[i] += deposit_sign * amount[i]
            total += amount[i]
    elif debt_sign == 0.0:
        for i in range(n):
            deposits[i] += deposit_sign * amount[i]
            income[i] += income_sign * amount[i]
            total += amount[i]
    elif income_sign == 0.0 and deposit_sign == 0.0:
        for i in range(n):
            debt[i] += debt_sign * amount[i]
            total += amount[i]
    else:
        for i in range(n):
            deposits[i] += deposit_sign * amount[i]
            debt[i] += debt_sign * amount[i]
            income[i] += income_sign * amount[i]
            total += amount[i]
    return total


class Ledger:
    """Every payment of the quarter and the balances outside the agent tables.

    Attributes:
        households, firms: the agent tables whose balances the ledger moves.
        scale: real households each household agent stands for.
        government: the government's deposit balance, yuan (negative: its debt).
        capital_goods: the capital-goods sector's deposit balance, yuan (it pays out what
            it earns each quarter, so it closes the quarter holding only what households
            prepaid for dwellings it has still to build).
        rest_of_world: the rest of the world's balance, yuan (negative: it owes).
        rest_of_china: the other provinces' and the central government's balance with
            Guangdong, yuan (negative: they owe).
        deposit_liabilities: the bank's deposits (the signed sum of every balance), yuan.
        loan_book: the bank's consumer loans, yuan.
        other_assets: bank assets outside the model (mortgages, corporate loans,
            reserves), yuan, constant: they close the bank's balance sheet.
        flows: this quarter's payments, yuan, keyed by (purpose, payer, payee).
        net_inflow: this quarter's change in each sector's net financial wealth, yuan.
        opening_cash: each firm's cash when the quarter opened, yuan.
        opening_loans: the bank's consumer loans when the quarter opened, yuan.
    """

    def __init__(self, households: HouseholdTable, firms: FirmTable, scale: float) -> None:
        self.households, self.firms, self.scale = households, firms, float(scale)
        self.government = self.rest_of_world = self.rest_of_china = self.capital_goods = 0.0
        self.deposit_liabilities = self.loan_book = self.other_assets = 0.0
        self.step = -1
        self.flows: dict[tuple[str, str, str], float] = defaultdict(float)
        self.net_inflow = dict.fromkeys(SECTORS, 0.0)
        self.opening_cash, self.opening_loans = np.zeros(0), 0.0
        self._expected_deposits = self._expected_debt = self._turnover = 0.0
        self._expected_cash = np.zeros(0)
        # (purpose, change of households' deposits, of their debt, of firms' cash), yuan
        self._since_audit: list[tuple[str, float, float, float]] = []

    # ------------------------------------------------------------------ the books
    @property
    def bank_net_worth(self) -> float:
        """Bank net financial wealth (equity), yuan."""
        return self.loan_book + self.other_assets - self.deposit_liabilities

    def open_books(self, government: float, equity: float, capital_goods: float = 0.0) -> None:
        """Opening balances: the government's account (negative: its debt), the
        capital-goods sector's (what it was prepaid for work it has still to do) and the
        bank's loans from the households' debt; the bank's assets outside the model
        close its balance sheet at `equity`."""
        h = self.households
        self.government, self.rest_of_world, self.rest_of_china = float(government), 0.0, 0.0
        self.capital_goods = float(capital_goods)
        self.loan_book = self.scale * h.debt.sum()
        self.deposit_liabilities = self.deposits_in_tables()
        self.other_assets = self.deposit_liabilities - self.loan_book + equity

    def net_wealth(self) -> dict[str, float]:
        """Net financial wealth of each sector, yuan, from the tables and the books."""
        h, f = self.households, self.firms
        return {
            "households": self.scale * (h.deposits.sum() - h.debt.sum()),
            "firms": float(f.cash.sum()),
            "capital_goods": self.capital_goods,
            "bank": self.bank_net_worth,
            "government": self.government,
            "rest_of_world": self.rest_of_world,
            "rest_of_china": self.rest_of_china,
        }

    def deposits_in_tables(self) -> float:
        """Every deposit balance, yuan (signed): what the bank's liabilities must be."""
        return (self.scale * self.households.deposits.sum() + self.firms.cash.sum()
                + self.government + self.capital_goods + self.rest_of_world
                + self.rest_of_china)

    def open_quarter(self, step: int) -> dict[str, float]:
        """Start the quarter's record: no flows yet, households' income zero. Returns
        each sector's net wealth at the start, for the quarter's stock-flow check."""
        h = self.households
        self.step = step
        self.flows = defaultdict(float)
        self.net_inflow = dict.fromkeys(SECTORS, 0.0)
        h.income[:] = 0.0
        self._expected_deposits, self._expected_debt = float(h.deposits.sum()), float(
            h.debt.sum())
        self._turnover = abs(self._expected_deposits) + abs(self._expected_debt)
        self._expected_cash = self.firms.cash.copy()
        self.opening_cash, self.opening_loans = self.firms.cash.copy(), self.loan_book
        self._since_audit = []
        return self.net_wealth()

    # ------------------------------------------------------------------ payments
    def pay(self, purpose: str, amount: float | np.ndarray | None = None, *,
            paid: np.ndarray | None = None, received: np.ndarray | None = None) -> float:
        """Pay `purpose` (sim.economy.purposes) and record it. Returns the amount, yuan.

        A payment between a table (households, firms) and a sector gives the table's
        side as `amount`, an array over the table's rows (yuan per real household, or
        per firm agent). A payment between two sectors gives one number. A payment
        between two tables, or inside one (firms to firms), gives both sides, `paid`
        and `received`, which must add up to the same yuan.
        """
        spec = PURPOSES.get(purpose)
        if spec is None:
            raise KeyError(f"unknown payment purpose '{purpose}' (see sim.economy.purposes)")
        payer_table, payee_table = spec.payer in TABLES, spec.payee in TABLES
        if payer_table and payee_table:
            if paid is None or received is None or amount is not None:
                raise TypeError(f"payment '{purpose}' is between {spec.payer} and "
                                f"{spec.payee}: give paid= and received=")
        elif paid is not None or received is not None or amount is None:
            raise TypeError(f"payment '{purpose}' ({spec.payer} -> {spec.payee}): give amount")
        elif payer_table:
            paid = amount
        elif payee_table:
            received = amount
        elif np.ndim(amount) != 0:
            raise TypeError(f"payment '{purpose}' is between two sectors: give one number")
        sides = [self._move(spec, spec.payer, paid, -1.0) if paid is not None else None,
                 self._move(spec, spec.payee, received, 1.0) if received is not None else None]
        total = float(next((t for t in sides if t is not None), amount))
        if not math.isfinite(total) or total < 0.0:
            raise ValueError(f"payment '{purpose}' ({spec.payer} -> {spec.payee}) has amount "
                             f"{total}")
        if None not in sides and abs(sides[0] - sides[1]) > AUDIT_TOLERANCE * max(total, 1.0):
            raise AccountingBreach(
                self.step, spec.payee, abs(sides[0] - sides[1]), purpose=purpose,
                detail=f": payment '{purpose}' is paid {sides[0]:,.2f} by {spec.payer} but "
                       f"received {sides[1]:,.2f} by {spec.payee}")
        self._record(spec, total)
        return total

    def _move(self, spec: Purpose, sector: str, values: np.ndarray, sign: float) -> float:
        """Change one table's balances by `values` (paid: sign -1, received: +1); returns
        the side's total, yuan."""
        table = self.households if sector == "households" else self.firms
        values = np.asarray(values, dtype=float)
        if values.shape != (len(table),):
            raise ValueError(f"payment '{spec.name}': {sector}' side has shape {values.shape}, "
                             f"not one value per row ({len(table)})")
        if sector == "households":
            h = self.households
            deposit, debt = {"deposits": (sign, 0.0), "loan": (1.0, 1.0),
                             "repayment": (-1.0, -1.0), "write_off": (0.0, -1.0)}[
                spec.instrument]
            income = sign if spec.income else 0.0
            per_household = _move_households(h.deposits, h.debt, h.income,
                                             np.ascontiguousarray(values), deposit, debt, income)
            self._expected_deposits += deposit * per_household
            self._expected_debt += debt * per_household
            self._turnover += abs(per_household)
            self._since_audit.append((spec.name, deposit * per_household * self.scale,
                                      debt * per_household * self.scale, 0.0))
            return self.scale * per_household
        f = self.firms
        self._grow_expected_cash()
        f.cash += sign * values
        self._expected_cash += sign * values
        total = float(values.sum())
        self._since_audit.append((spec.name, 0.0, 0.0, sign * total))
        return total

    def _grow_expected_cash(self) -> None:
        """Entrants join the firm table with no cash: the audit expects none."""
        missing = len(self.firms) - len(self._expected_cash)
        if missing > 0:
            self._expected_cash = np.concatenate([self._expected_cash, np.zeros(missing)])

    def _record(self, spec: Purpose, total: float) -> None:
        """Record the flow and move the balances of the sectors that are not tables."""
        self.flows[(spec.name, spec.payer, spec.payee)] += total
        if spec.instrument in ("deposits", "write_off"):  # net worth moves
            self.net_inflow[spec.payer] -= total
            self.net_inflow[spec.payee] += total
        if spec.instrument == "deposits":
            for sector, sign in ((spec.payer, -1.0), (spec.payee, 1.0)):
                if sector == "government":
                    self.government += sign * total
                elif sector == "rest_of_world":
                    self.rest_of_world += sign * total
                elif sector == "rest_of_china":
                    self.rest_of_china += sign * total
                elif sector == "capital_goods":
                    self.capital_goods += sign * total
                elif sector == "bank":  # it pays by crediting deposits, is paid by debiting
                    self.deposit_liabilities -= sign * total
        elif spec.instrument == "loan":  # money is created
            self.loan_book += total
            self.deposit_liabilities += total
        elif spec.instrument == "repayment":  # money is destroyed
            self.loan_book -= total
            self.deposit_liabilities -= total
        else:  # write_off
            self.loan_book -= total
        if spec.payer not in TABLES and spec.payee not in TABLES:
            self._since_audit.append((spec.name, 0.0, 0.0, 0.0))

    # ------------------------------------------------------------------ reading
    def total(self, purpose: str) -> float:
        """Sum of this quarter's payments with the given purpose, yuan."""
        return sum(v for (p, _, _), v in self.flows.items() if p == purpose)

    def primary_deficit(self) -> float:
        """The government's primary deficit this quarter, yuan: everything it paid (public
        purchases, transfers, benefits, subsidies, investment) less everything it received
        (taxes, contributions, duties, fines), interest on its debt left out."""
        paid = received = 0.0
        for (p, payer, payee), v in self.flows.items():
            if payer == "government" and not PURPOSES[p].debt_service:
                paid += v
            elif payee == "government":
                received += v
        return paid - received

    def fiscal_cost(self) -> float:
        """The net fiscal cost this quarter, yuan: the primary deficit with the pension
        liabilities accrued (pension contributions are revenue now and pensions of the
        same present value owed later, so a lever that brings more of them is not a
        fiscal gain)."""
        return self.primary_deficit() + self.total_of("accrues_liability")

    def total_of(self, flag: str) -> float:
        """Sum of this quarter's payments whose purpose is declared with `flag`
        (final_demand, lever_spending), yuan."""
        return sum(v for (p, _, _), v in self.flows.items() if getattr(PURPOSES[p], flag))

    # ------------------------------------------------------------------ audit
    def audit(self, process: str) -> None:
        """Check the tables' balances against the opening balances plus the payments
        recorded since the quarter opened: households' deposits and debt in total, each
        firm's cash on its own. Raise AccountingBreach naming `process` and, where one
        payment explains the gap, that payment."""
        h, f = self.households, self.firms
        tolerance = AUDIT_TOLERANCE * self._turnover + 1e-6
        for column, what, actual, expected in (
                (1, "deposits", h.deposits.sum(), self._expected_deposits),
                (2, "debt", h.debt.sum(), self._expected_debt)):
            gap = float(actual) - expected
            if not abs(gap) <= tolerance:
                self._breach(process, "households", gap * self.scale, what, column)
        self._grow_expected_cash()
        gaps = f.cash - self._expected_cash
        if len(gaps) and not np.abs(gaps).max() <= AUDIT_TOLERANCE * (
                np.abs(self._expected_cash).sum() + 1.0):
            worst = int(np.argmax(np.abs(gaps)))
            total = float(gaps.sum())  # (zero when money moved between firms unrecorded)
            gap = total if abs(total) >= abs(gaps[worst]) else float(gaps[worst])
            self._breach(process, "firms", gap,
                         f"cash (firm {worst} is off by {gaps[worst]:,.2f})", 3)
        self._since_audit = []

    def _breach(self, process: str, sector: str, gap: float, what: str, column: int) -> None:
        """Raise the breach, naming the payment of the size of the gap, if there is one."""
        sizes: dict[str, float] = defaultdict(float)
        for entry in self._since_audit:
            sizes[entry[0]] += entry[column]
        listed = ", ".join(sizes) or "none"
        culprit = next((name for name, size in sizes.items()
                        if size and abs(abs(gap) - abs(size)) <= 1e-6 * abs(size)), None)
        if culprit is None:
            detail = (f" in {what}: balances changed without a recorded payment (payments "
                      f"since the last check: {listed})")
        else:
            how = ("recorded but not applied to the balances" if gap * sizes[culprit] < 0
                   else "applied to the balances twice, or without being recorded")
            detail = (f" in {what}: the size of payment '{culprit}', {how} (payments since "
                      f"the last check: {listed})")
        raise AccountingBreach(self.step, sector, abs(gap), process=process, purpose=culprit,
                               detail=detail)
