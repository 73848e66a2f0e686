"""Step 4 of the quarter, and borrowing in step 5: consumer credit.

Borrowers pay interest at `policy.credit.interest_rate` and amortise a fixed share of
their debt each quarter. A borrower whose deposits, after this quarter's income and
the cost of subsistence, cannot cover the payment defaults: the bank writes the debt
off and refuses credit for `bank.exclusion_quarters` (a credit-registry exclusion).
New loans finance the part of the consumption budget that deposits cannot, and a
share of durable purchases is paid in instalments (step 5), both up to the limit
(五（五）). The bank pays out its net worth above its initial level as dividends to
its owners.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from sim.economy.kernels import jit, take_rows

if TYPE_CHECKING:
    from sim.economy.model import EconomyModel


class Bank:
    """The one bank, as users inspect it. Its books (deposit liabilities, loan book,
    assets outside the model) are kept by the ledger, which posts every payment.

    Attributes:
        equity_target: net worth the bank keeps; profits above it are paid out, yuan.
        loan_losses: household loans written off this quarter, yuan.
        interest_income: loan and government-bond interest received this quarter, yuan.
    """

    def __init__(self, model: EconomyModel) -> None:
        self._ledger = model.ledger
        self.equity_target = model.p.bank.equity_ratio * model.ledger.loan_book
        self.loan_losses = 0.0
        self.interest_income = 0.0

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


def available_credit(model: EconomyModel, rows: np.ndarray | None = None) -> np.ndarray:
    """Unused credit line of each household (or of `rows`), yuan (0 without access)."""
    h = model.households
    rows = slice(None) if rows is None else rows
    return _spare_lines(h.credit_access[rows], h.credit_limit[rows], h.debt[rows])


@jit
def spare_line(credit_access: bool, credit_limit: float, debt: float) -> float:
    """A household's unused credit line, yuan (0 without access)."""
    return max(0.0, credit_limit - debt) if credit_access else 0.0


@jit
def _spare_lines(credit_access, credit_limit, debt):
    out = np.empty(len(debt))
    for i in range(len(out)):
        out[i] = spare_line(credit_access[i], credit_limit[i], debt[i])
    return out


def service_debt(model: EconomyModel) -> None:
    """Interest and amortisation; defaults and write-offs; bank dividends."""
    h, ledger, scale = model.households, model.ledger, model.scale
    model.debt_at_start = scale * h.debt.sum()
    paid_interest, paid_principal, written_off = _service(
        h.debt, h.deposits, h.income, h.excluded_until, h.credit_access, subsistence_cost(model),
        model.levers.credit.interest_rate / 4.0, model.p.bank.amortisation,
        model.t + model.p.bank.exclusion_quarters)
    ledger.pay("loan_interest", "households", "bank", scale * paid_interest.sum())
    ledger.repay(scale * paid_principal.sum())
    model.written_off = scale * written_off.sum()
    ledger.write_off(model.written_off)
    model.bank.loan_losses = model.written_off
    model.bank.interest_income = scale * paid_interest.sum()

    surplus = ledger.bank_net_worth - model.bank.equity_target
    if surplus > 0.0:
        ledger.pay("bank_dividends", "bank", "households", surplus)
        share = surplus / scale * h.owner_weight
        h.deposits += share
        h.income += share


def subsistence_cost(model: EconomyModel) -> np.ndarray:
    """Cost of each household's LES subsistence basket this quarter, yuan (read-only;
    credit and the budget both need it, so it is priced once per quarter and prices)."""
    from sim.economy.processes.consumption import subsistence, unit_prices

    h = model.households
    prices, basket = unit_prices(model), subsistence(model)
    key = (model.steps, len(h), prices.tobytes(), basket.tobytes())
    cached = getattr(model, "_subsistence_cost", None)
    if cached is not None and cached[0] == key:
        return cached[1]
    cost = h.persons * (take_rows(prices, h.kind) @ basket)
    cost.flags.writeable = False
    model._subsistence_cost = (key, cost)
    return cost


def borrow(model: EconomyModel, amount: np.ndarray) -> None:
    """Originate new consumer loans of `amount` yuan per household."""
    h = model.households
    _lend(h.deposits, h.debt, amount)
    model.ledger.lend(model.scale * amount.sum())


@jit
def _lend(deposits, debt, amount):
    for i in range(len(amount)):  # (both sides of the loan in one pass)
        deposits[i] += amount[i]
        debt[i] += amount[i]


def finance_durables(model: EconomyModel, durable: np.ndarray) -> None:
    """Households with access pay a share of their planned durable purchases
    (`durable`, yuan: household goods, transport and communication) in instalments
    (分期付款), within their unused line; the share falls with the interest rate."""
    bp = model.p.bank
    # Instalment use falls as credit gets dearer (Attanasio, Goldberg and Kyriazidou 2008
    # find loan demand of young and poorer households sensitive to the rate).
    dearness = max(model.levers.credit.interest_rate, 1e-3) / bp.reference_rate
    share = bp.instalment_share * dearness ** -bp.instalment_rate_elasticity
    h = model.households
    borrow(model, _instalments(durable, h.credit_access, h.credit_limit, h.debt,
                               min(1.0, share)))


@jit
def _instalments(durable, credit_access, credit_limit, debt, share):
    """New instalment loans: `share` of durable spending within the unused line, yuan."""
    out = np.empty(len(debt))
    for i in range(len(out)):
        out[i] = min(spare_line(credit_access[i], credit_limit[i], debt[i]), share * durable[i])
    return out


@jit
def _service(debt, deposits, income, excluded_until, credit_access, basic_cost, rate,
             amortisation, excluded_to):
    """Borrowers pay the quarter's interest and amortisation from deposits; one whose
    deposits less its subsistence cost fall short of what is due defaults: its debt
    is written off and it is refused credit until `excluded_to`. Returns the interest
    and principal paid and the debt written off by household, yuan."""
    n = len(debt)
    paid_interest, paid_principal, written_off = np.zeros(n), np.zeros(n), np.zeros(n)
    for i in range(n):
        if debt[i] <= 0.0:
            continue
        interest = debt[i] * rate
        principal = debt[i] * amortisation
        if deposits[i] - basic_cost[i] < interest + principal:  # default
            written_off[i] = debt[i]
            debt[i] = 0.0
            excluded_until[i] = excluded_to
            credit_access[i] = False
        else:
            paid_interest[i], paid_principal[i] = interest, principal
            deposits[i] -= interest + principal
            income[i] -= interest
            debt[i] -= principal
    return paid_interest, paid_principal, written_off
