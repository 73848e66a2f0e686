"""Step 3 of the quarter: transfers, benefits, deposit interest, taxes and social
contributions (wages are paid in the labour step, dividends in the firms step), and at
the quarter's end households' permanent income.

Amounts are per real household, yuan this quarter; the ledger posts them for the
province (sim.economy.ledger).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from sim.config.parameters import Government, Households
from sim.economy.agents import HouseholdTable
from sim.economy.constants import MIGRANT, RURAL
from sim.economy.kernels import jit


@dataclass
class IncomeFlows:
    """Each household's flows of step 3, yuan."""

    unemployment_benefits: np.ndarray
    transfers: np.ndarray
    deposit_interest: np.ndarray
    income_tax: np.ndarray
    social_contributions: np.ndarray
    pension_contributions: np.ndarray


def transfer_per_person(*, h: HouseholdTable, hp: Households) -> np.ndarray:
    """Pensions and social assistance per person and quarter at 2016 wages, yuan: the
    rural schemes, the covered (urban) rate or the uncovered rate (三（四）). Covered
    households of migrant origin, settled or not, are of working age: the urban schemes
    pay them no pension yet: the uncovered rate and the urban dibao's expected value
    (`households.dibao_expected_pc`)."""
    t = hp.transfer_pc
    covered = np.where(h.origin == MIGRANT, t.uncovered + hp.dibao_expected_pc, t.covered)
    return np.where(h.kind == RURAL, t.rural, np.where(h.covered, covered, t.uncovered))


@dataclass(frozen=True)
class IncomeTerms:
    """What this quarter's benefits, interest and taxes are paid at.

    Attributes:
        wage_index: nominal wage per efficiency unit relative to 2016 (benefits and
            transfers are indexed to it).
        replacement: unemployment insurance's replacement rate, share of the wage.
        deposit_rate: interest on deposits, a year.
        income_tax_rate: the personal income tax rate on wages and interest.
    """

    wage_index: float
    replacement: float
    deposit_rate: float
    income_tax_rate: float


def flows(*, h: HouseholdTable, wage: np.ndarray, transfer_pc: np.ndarray, terms: IncomeTerms,
          gp: Government) -> IncomeFlows:
    """Benefits and transfers (indexed to wages), interest on deposits, income tax on
    wages and interest, and contributions of covered workers, at this quarter's `terms`.
    `wage` is each household's wage this quarter, `transfer_pc` its transfer per person
    at 2016 wages."""
    return IncomeFlows(*_flows(
        _Earners(h.covered, h.employed, h.efficiency, transfer_pc, h.persons, wage, h.deposits),
        _Rates(terms.replacement * terms.wage_index, terms.wage_index, terms.deposit_rate,
               terms.income_tax_rate, gp.social_contribution, gp.pension_contribution)))


class _Earners(NamedTuple):
    covered: np.ndarray
    employed: np.ndarray
    efficiency: np.ndarray
    transfer_pc: np.ndarray
    persons: np.ndarray
    wages: np.ndarray
    deposits: np.ndarray


class _Rates(NamedTuple):
    benefit_rate: float  # benefit per efficiency unit out of work, yuan
    g: float  # the wage index
    deposit_rate: float
    income_tax: float
    social_contribution: float
    pension_contribution: float


@jit
def _flows(earners, rates):
    covered, employed, efficiency, transfer_pc, persons, wages, deposits = earners
    benefit_rate, g, deposit_rate, income_tax, social_contribution, pension_contribution = rates
    n = len(covered)
    benefit, transfer, interest = np.empty(n), np.empty(n), np.empty(n)
    tax, contribution, pension = np.empty(n), np.empty(n), np.empty(n)
    for i in range(n):
        # Unemployment insurance for covered households out of work.
        benefit[i] = benefit_rate * efficiency[i] if covered[i] and not employed[i] else 0.0
        transfer[i] = transfer_pc[i] * persons[i] * g
        interest[i] = deposits[i] * deposit_rate / 4.0
        tax[i] = income_tax * (wages[i] + interest[i])
        # Contributions of covered workers: health and unemployment, and pension.
        contribution[i] = ((social_contribution - pension_contribution) * wages[i]
                           if covered[i] else 0.0)
        pension[i] = pension_contribution * wages[i] if covered[i] else 0.0
    return benefit, transfer, interest, tax, contribution, pension


def permanent_income(*, previous: np.ndarray, income: np.ndarray, weight: float,
                     growth: float = 0.0) -> np.ndarray:
    """Adaptive permanent income for next quarter: `weight` of the way from this
    quarter's expectation to this quarter's disposable income, grown by the quarterly
    `growth` households expect (households.expected_income_growth). Without the growth
    term, expectations of a growing income would lag it by about (1 - weight) / weight
    quarters of growth, a bias that rises with inflation."""
    return (1.0 + growth) * (previous + weight * (income - previous))
