"""Step 4 of the quarter, and borrowing in step 5: consumer credit (五（五）).

Borrowers pay interest at `policy.credit.interest_rate` and amortise a fixed share of
their debt each quarter. A borrower whose deposits, after this quarter's income and the
cost of subsistence, cannot cover the payment defaults: the bank writes the debt off
and refuses credit for `bank.exclusion_quarters` (a credit-registry exclusion). The bank
provisions for the losses it expects (`expected_loss_rate`) out of the profits it pays. New
loans finance the part of the consumption budget that deposits cannot, and a share of
durable purchases is paid in instalments, both up to the limit. The bank pays out its
net worth above its target as dividends to its owners.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sim.config.parameters import Bank
from sim.economy.agents import HouseholdTable
from sim.economy.kernels import jit
from sim.economy.rules import spare_line


@dataclass
class DebtService:
    """This quarter's debt service by household, yuan, and who defaulted."""

    interest: np.ndarray
    principal: np.ndarray
    written_off: np.ndarray
    defaulted: np.ndarray


def spare_lines(*, h: HouseholdTable, rows: np.ndarray | slice = slice(None)) -> np.ndarray:
    """Unused credit line of each household (or of `rows`), yuan (0 without access)."""
    return _spare_lines(h.credit_access[rows], h.credit_limit[rows], h.debt[rows])


@jit
def _spare_lines(credit_access, credit_limit, debt):
    out = np.empty(len(debt))
    for i in range(len(out)):
        out[i] = spare_line(credit_access[i], credit_limit[i], debt[i])
    return out


def service(*, h: HouseholdTable, basic_cost: np.ndarray, annual_rate: float,
            bp: Bank) -> DebtService:
    """Interest at `annual_rate` and amortisation due from every borrower; one whose
    deposits less its subsistence cost (`basic_cost`, yuan) fall short of it defaults
    and pays nothing."""
    return DebtService(*_service(h.debt, h.deposits, basic_cost, annual_rate / 4.0,
                                 bp.amortisation))


@jit
def _service(debt, deposits, basic_cost, rate, amortisation):
    n = len(debt)
    interest, principal, written_off = np.zeros(n), np.zeros(n), np.zeros(n)
    defaulted = np.zeros(n, dtype=np.bool_)
    for i in range(n):
        if debt[i] <= 0.0:
            continue
        due_interest, due_principal = debt[i] * rate, debt[i] * amortisation
        if deposits[i] - basic_cost[i] < due_interest + due_principal:
            written_off[i] = debt[i]
            defaulted[i] = True
        else:
            interest[i], principal[i] = due_interest, due_principal
    return interest, principal, written_off, defaulted


def expected_loss_rate(*, previous: float, written_off: float, loans: float,
                       weight: float) -> float:
    """The annual loss rate the bank expects on its consumer loans: `weight` of this
    quarter's write-offs over the loans it held (annualised), the rest last quarter's
    expectation (adaptive, as the bank learns its borrowers' risk)."""
    if loans <= 0.0:
        return previous
    return (1.0 - weight) * previous + weight * 4.0 * written_off / loans


def bank_dividend(*, net_worth: float, equity_target: float, provision: float) -> float:
    """What the bank pays its owners, yuan: its net worth above its equity target and
    its provision for the losses it expects on its loans over the next year (an
    allowance kept out of the profits it pays out, as loan-loss provisioning does)."""
    return max(0.0, net_worth - equity_target - provision)


def _at_rate(share_at_reference: float, annual_rate: float, bp: Bank) -> float:
    """A share of credit use at the reference rate, moved to `annual_rate` at the
    constant elasticity `bank.credit_rate_elasticity`, at most 1."""
    dearness = max(annual_rate, 1e-3) / bp.reference_rate
    return min(1.0, share_at_reference * dearness ** -bp.credit_rate_elasticity)


def instalment_share(*, annual_rate: float, bp: Bank) -> float:
    """Share of durable purchases paid in instalments (分期付款): `bank.instalment_share`
    at the reference rate, falling as credit gets dearer (Attanasio, Goldberg and
    Kyriazidou 2008 find loan demand of young and poorer households sensitive to the
    rate)."""
    return _at_rate(bp.instalment_share, annual_rate, bp)


def line_as_buffer(*, annual_rate: float, share_at_reference: float, bp: Bank) -> float:
    """Share of the unused credit line households count as part of their buffer
    (`households.credit_buffer_offset` at the reference rate): the dearer it is to draw
    on the line in bad times, the more own deposits they hold, and the less an impatient
    household borrows to spend now (Gross and Souleles 2002: debt falls with the rate)."""
    return _at_rate(share_at_reference, annual_rate, bp)


def instalments(*, durable: np.ndarray, h: HouseholdTable, share: float) -> np.ndarray:
    """New instalment loans: `share` of each household's durable spending (`durable`,
    yuan), within its unused line."""
    return _instalments(durable, h.credit_access, h.credit_limit, h.debt, share)


@jit
def _instalments(durable, credit_access, credit_limit, debt, share):
    out = np.empty(len(debt))
    for i in range(len(out)):
        out[i] = min(spare_line(credit_access[i], credit_limit[i], debt[i]), share * durable[i])
    return out
