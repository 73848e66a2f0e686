"""Step 11 of the quarter: hukou conversion (三（四）).

Each quarter a migrant household settles as an urban resident with the quarterly
probability implied by `policy.migrant.hukou_conversion_rate` (an annual share). Its
kind becomes urban, so from the next quarter it is covered by urban public services
and social insurance (insured against health costs and job loss, contributing to its
future pension), has urban households' access to credit and job security, and reaches
the occupations that a rural hukou keeps migrants out of (Meng and Zhang 2001): its
earnings rise by `households.hukou_wage_premium`. Its habits stay those of its origin
(sim.economy.agents.HouseholdTable.origin): the new hukou changes its entitlements,
risks and wages, not its propensity to consume by label.
"""

from __future__ import annotations

import numpy as np

from sim.economy.constants import MIGRANT


def conversions(*, kind: np.ndarray, annual_rate: float, rng: np.random.Generator) -> np.ndarray:
    """Migrant households that become urban residents this quarter."""
    draw = rng.random(len(kind))
    quarterly = 1.0 - (1.0 - annual_rate) ** 0.25
    return (kind == MIGRANT) & (draw < quarterly)


def earnings_after(*, skill: np.ndarray, converts: np.ndarray, premium: float) -> np.ndarray:
    """Each household's quarterly wage at 2016 wages (`skill`, yuan) after this quarter's
    conversions: the converting households' rise by `premium`."""
    return np.where(converts, skill * (1.0 + premium), skill)
