"""The rest of the world as a buyer: export demand grows with the world economy (at the
productivity trend) and falls with Guangdong's price level relative to the world's
(`world.export_price_elasticity`)."""

from __future__ import annotations

import numpy as np


def export_demand(growth_index: float, wage_level: float, elasticity: float,
                  demand_2016: np.ndarray) -> np.ndarray:
    """Export demand by category this quarter, yuan: nominal volumes at the trend, times
    the relative price to the power 1 - elasticity."""
    return growth_index * wage_level ** (1.0 - elasticity) * demand_2016
