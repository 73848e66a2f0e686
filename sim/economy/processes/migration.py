"""Step 11 of the quarter: hukou conversion (三（四）).

Each quarter a migrant household settles as an urban resident with the quarterly
probability implied by `policy.migrant.hukou_conversion_rate` (an annual share). Its
kind becomes urban, so from the next quarter it is covered by urban public services
and social insurance and has urban households' access to credit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sim.economy.constants import MIGRANT, URBAN

if TYPE_CHECKING:
    from sim.economy.model import EconomyModel


def run(model: EconomyModel) -> None:
    """Convert migrants to urban residents."""
    h = model.households
    draw = model.rng_for("migration").random(len(h))
    quarterly = 1.0 - (1.0 - model.levers.migrant.hukou_conversion_rate) ** 0.25
    converts = (h.kind == MIGRANT) & (draw < quarterly)
    h.kind[converts] = URBAN
    model.conversions = int(converts.sum())
