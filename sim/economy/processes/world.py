"""The rest of the world: its price level and what it buys from Guangdong. Export
demand grows with the world economy (at the productivity trend) and falls with
Guangdong's price level relative to the world's (`world.export_price_elasticity`); the
world's prices rise at `world.inflation`, and foreign goods (imported or bought abroad)
cost that much more in yuan, so rising prices at home are not a silent appreciation.
"""

from __future__ import annotations

import numpy as np


def price_level(*, annual_inflation: float, t: int) -> float:
    """The world price level in quarter `t` (2016Q1 is 0), 2016 = 1, in yuan (at the
    2016 exchange rate)."""
    return (1.0 + annual_inflation) ** (t / 4.0)


def export_demand(*, growth_index: float, wage_level: float, world_price: float, elasticity: float,
                  demand_2016: np.ndarray) -> np.ndarray:
    """Export demand by category this quarter, yuan: volumes at the trend, at the
    world's prices, times Guangdong's price relative to the world's to the power
    1 - elasticity."""
    return growth_index * world_price * (wage_level / world_price) ** (1.0 - elasticity) \
        * demand_2016


def closure(*, demand_2016: np.ndarray, employment_rate: float, target_rate: float,
            labour_supply: float, export_labour: float, speed: float) -> np.ndarray:
    """While the burn-in runs, export demand is the closure of the labour market, as at
    the start (sim.economy.initial: exports employ the labour force at the 2016
    unemployment rate): it moves by `speed` (world.burn_in_closure_speed) of the labour
    the employment gap stands for (`labour_supply` times the gap between `target_rate` and
    `employment_rate`), relative to the labour exports employ now (`export_labour`,
    efficiency units). The burn-in thus ends near the 2016 rate, whatever its own
    selection of firms did to the labour a unit of demand needs; from 2016 the world's
    demand follows its trend and prices only."""
    if export_labour <= 0.0:
        return demand_2016
    change = speed * labour_supply * (target_rate - employment_rate) / export_labour
    return demand_2016 * max(0.0, 1.0 + change)
