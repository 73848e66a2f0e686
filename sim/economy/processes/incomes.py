"""Step 3 of the quarter: transfers, benefits, deposit interest, taxes and social
contributions (wages are paid in the labour step, dividends in the firms step).

Households' money is per real household; the ledger records province totals, so every
household flow is multiplied by `model.scale` when it is posted.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from sim.economy.constants import RURAL
from sim.economy.kernels import jit

if TYPE_CHECKING:
    from sim.economy.model import EconomyModel


def transfer_per_person(model: EconomyModel) -> np.ndarray:
    """Pensions and social assistance per person and quarter at 2016 wages, yuan: the
    rural schemes, the covered (urban) rate or the uncovered rate."""
    h, hp = model.households, model.p.households
    return _transfer_rates(h.kind == RURAL, h.covered, hp.transfer_pc.rural,
                           hp.transfer_pc.covered, hp.transfer_pc.uncovered)


@jit
def _transfer_rates(rural, covered, rural_rate, covered_rate, uncovered_rate):
    out = np.empty(len(rural))
    for i in range(len(out)):
        out[i] = rural_rate if rural[i] else (covered_rate if covered[i] else uncovered_rate)
    return out


def run(model: EconomyModel) -> None:
    """Pay transfers, benefits and interest to households; collect their taxes."""
    h, gp, ledger, scale = model.households, model.p.government, model.ledger, model.scale
    g = model.wage_index  # benefits and transfers are indexed to wages

    benefit, transfer, interest, tax, contribution = _pay(
        h.covered, h.employed, h.efficiency, transfer_per_person(model), h.persons,
        model.wages, h.deposits, h.income, model.p.labour.unemployment_replacement * g, g,
        model.p.economy.deposit_rate, gp.income_tax, gp.social_contribution)
    ledger.pay("unemployment_benefits", "government", "households", scale * benefit.sum())
    ledger.pay("transfers", "government", "households", scale * transfer.sum())
    ledger.pay("deposit_interest", "bank", "households", scale * interest.sum())
    ledger.pay("income_tax", "households", "government", scale * tax.sum())
    ledger.pay("social_contributions", "households", "government", scale * contribution.sum())
    model.government.account += scale * (tax.sum() + contribution.sum()
                                         - benefit.sum() - transfer.sum())


@jit
def _pay(covered, employed, efficiency, transfer_pc, persons, wages, deposits, income,
         benefit_rate, g, deposit_rate, income_tax, social_contribution):
    """Each household's flows this quarter, yuan, added to its deposits and income."""
    n = len(covered)
    benefit, transfer, interest = np.empty(n), np.empty(n), np.empty(n)
    tax, contribution = np.empty(n), np.empty(n)
    for i in range(n):
        # Unemployment insurance for covered households out of work.
        benefit[i] = benefit_rate * efficiency[i] if covered[i] and not employed[i] else 0.0
        transfer[i] = transfer_pc[i] * persons[i] * g
        interest[i] = deposits[i] * deposit_rate / 4.0
        # Personal income tax on wages and interest; contributions of covered workers.
        tax[i] = income_tax * (wages[i] + interest[i])
        contribution[i] = social_contribution * wages[i] if covered[i] else 0.0
        net = benefit[i] + transfer[i] + interest[i] - tax[i] - contribution[i]
        deposits[i] += net
        income[i] += net
    return benefit, transfer, interest, tax, contribution
