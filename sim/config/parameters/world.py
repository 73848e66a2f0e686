"""Config group `world`: what the rest of the world buys from Guangdong (docs/model.md
section 4, exports)."""

from __future__ import annotations

from dataclasses import dataclass

from sim.config.declare import parameter
from sim.config.parameters.shapes import ByExportedCategory


@dataclass
class World:
    """The world's prices and export demand."""

    export_price_elasticity: float = parameter(
        2.0, bounds=(0.0, 20.0), unit="elasticity of export volumes to Guangdong's price level",
        source="hand-set within the usual range of trade elasticities (1-3)",
        plausible=(1.0, 3.0))
    inflation: float = parameter(
        0.02, bounds=(-0.5, 1.0), kind="data", unit="annual growth of the world price level "
        "(foreign goods, imported or bought abroad, and the prices export demand compares "
        "with), in yuan at the 2016 exchange rate",
        source="an input known in 2016, not fitted: advanced economies' inflation targets "
               "of about 2% a year (IMF World Economic Outlook, October 2016, projects 1.7% "
               "for 2017); the yuan's exchange rate is held at its 2016 level; declared "
               "range 1-3%",
        plausible=(0.01, 0.03))
    burn_in_closure_speed: float = parameter(
        0.25, bounds=(0.0, 1.0), kind="numerics", unit="share of the employment gap's labour "
        "that export demand closes a quarter while the burn-in runs",
        source="a setting of the burn-in, not of the economy: fast enough that the burn-in "
               "ends near the 2016 unemployment rate, slow enough not to oscillate (0.5 "
               "swung export demand from 2.3 to 1.3 to 7.7 bn yuan a quarter in 2013-2015)")
    export_mix: ByExportedCategory = parameter(
        ByExportedCategory(clothing=0.15, household=0.35, transport_comm=0.35, other=0.15),
        bounds=(0.0, 1.0), sums_to_one=True, kind="data", unit="share of export demand",
        source="hand-set after Guangdong's exports: electronics, appliances, textiles")
