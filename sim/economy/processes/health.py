"""Step 5 of the quarter, health risk: emergency health expenses (大病). With a small
quarterly probability a household must spend a lognormal multiple of its permanent
income on healthcare; social insurance pays part of it for covered households
(Chamon, Liu and Prasad 2013 on income and health risk behind China's precautionary
saving). The household pays its part from deposits, then credit; what it cannot pay is
forgone, with the insurer's part of that treatment. The insurer (the government's
health insurance fund) pays its part to the providers: a public purchase of care.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sim.config.parameters import Households
from sim.economy.agents import HouseholdTable


@dataclass
class HealthShocks:
    """Who was hit this quarter, what each household spends on it and what its insurance
    pays the providers, yuan."""

    shocked: np.ndarray
    cost: np.ndarray
    insured: np.ndarray


def shocks(*, h: HouseholdTable, planned_total: np.ndarray, spare_credit: np.ndarray,
           rng: np.random.Generator, hp: Households) -> HealthShocks:
    """This quarter's health expenses: each household's uninsured cost, at most what it
    can pay after its planned spending (`planned_total`) from deposits and its unused
    credit line (`spare_credit`)."""
    n = len(h)
    hit, size = rng.random(n), rng.standard_normal(n)
    shocked = hit < hp.health_shock_rate
    ill = np.flatnonzero(shocked)
    s = hp.health_shock_dispersion
    cost = np.zeros(n)
    cost[ill] = hp.health_shock_size * np.exp(s * size[ill] - s**2 / 2) * h.permanent_income[ill]
    own_share = 1.0 - hp.health_insurance_share * h.covered[ill]
    cost[ill] *= own_share
    payable = np.maximum(0.0, h.deposits[ill] + spare_credit[ill] - planned_total[ill])
    cost[ill] = np.minimum(cost[ill], payable)
    insured = np.zeros(n)
    insured[ill] = cost[ill] / own_share * (1.0 - own_share)
    return HealthShocks(shocked, cost, insured)


def expected_cost(*, h: HouseholdTable, hp: Households) -> np.ndarray:
    """Mean quarterly uninsured cost of health shocks per household, yuan."""
    return (hp.health_shock_rate * hp.health_shock_size * h.permanent_income
            * (1.0 - hp.health_insurance_share * h.covered))


def expected_insured_cost(*, h: HouseholdTable, hp: Households) -> np.ndarray:
    """Mean quarterly part of each household's health shocks its insurance pays, yuan."""
    return (hp.health_shock_rate * hp.health_shock_size * h.permanent_income
            * hp.health_insurance_share * h.covered)
