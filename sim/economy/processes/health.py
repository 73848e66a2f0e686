"""Step 5 of the quarter, health risk: emergency health expenses (大病). With a small
quarterly probability a household must spend a lognormal multiple of its permanent
income on healthcare; social insurance pays part of it for covered households
(Chamon, Liu and Prasad 2013 on income and health risk behind China's precautionary
saving). Paid from deposits, then credit; what cannot be paid is forgone.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sim.config.parameters import Households
from sim.economy.agents import HouseholdTable


@dataclass
class HealthShocks:
    """Who was hit this quarter, and what each household spends on it, yuan."""

    shocked: np.ndarray
    cost: np.ndarray


def shocks(h: HouseholdTable, planned_total: np.ndarray, spare_credit: np.ndarray,
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
    cost[ill] *= 1.0 - hp.health_insurance_share * h.covered[ill]
    payable = np.maximum(0.0, h.deposits[ill] + spare_credit[ill] - planned_total[ill])
    cost[ill] = np.minimum(cost[ill], payable)
    return HealthShocks(shocked, cost)


def expected_cost(h: HouseholdTable, hp: Households) -> np.ndarray:
    """Mean quarterly uninsured cost of health shocks per household, yuan."""
    return (hp.health_shock_rate * hp.health_shock_size * h.permanent_income
            * (1.0 - hp.health_insurance_share * h.covered))
