"""Step 11 of the quarter: hukou conversion (三（四）).

Each quarter a migrant household settles as an urban resident with the quarterly
probability implied by `policy.migrant.hukou_conversion_rate` (an annual share). Its
kind becomes urban, so from the next quarter it is covered by urban public services
and social insurance and has urban households' access to credit.
"""

from __future__ import annotations

import numpy as np

from sim.economy.constants import MIGRANT


def conversions(kind: np.ndarray, annual_rate: float, rng: np.random.Generator) -> np.ndarray:
    """Migrant households that become urban residents this quarter."""
    draw = rng.random(len(kind))
    quarterly = 1.0 - (1.0 - annual_rate) ** 0.25
    return (kind == MIGRANT) & (draw < quarterly)
