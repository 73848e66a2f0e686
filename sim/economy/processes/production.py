"""Firms' technology: the labour they want for their expected sales and what they
produce with the labour and capital they employ (step 2 of the quarter).

A firm's unit labour requirement rises with its quality (`firms.quality_cost`) and
falls with productivity (its own and the economy's trend). Labour and capital are
used in fixed proportions (Dosi, Fagiolo and Roventini 2010): output is at most the
capacity of the firm's capital (sim.economy.processes.investment). Goods firms produce
for expected sales plus the gap to their inventory target; service firms for expected
sales, within their staff capacity, which the services lever scales (二（一）, 六（六）).
"""

from __future__ import annotations

import numpy as np

from sim.config.parameters import Firms
from sim.economy.agents import FirmTable
from sim.economy.constants import CAPACITY_SERVICES, GOODS


def capacity_multiplier(*, category: np.ndarray, capacity_lever: float, growth: float, t: int,
                        facilities: float = 0.0) -> np.ndarray:
    """Multiplier of each firm's 2016 capacity: for the services the capacity lever
    scales, the lever (and its baseline growth of `growth` a year) plus the capacity
    `facilities` built by public investment add (sim.economy.processes.facilities); 1
    otherwise."""
    trend = (1.0 + growth) ** (max(t, 0) / 4.0)
    return np.where(CAPACITY_SERVICES[category], capacity_lever * trend + facilities, 1.0)


def labour_per_unit(*, f: FirmTable, fp: Firms, growth_index: float) -> np.ndarray:
    """Efficiency units of labour per unit of output, by firm."""
    return (1.0 + fp.quality_cost * f.quality) / (f.productivity * growth_index)


def labour_demand(*, f: FirmTable, fp: Firms, growth_index: float, capacity: np.ndarray,
                  capital_capacity: np.ndarray) -> np.ndarray:
    """Efficiency units of production labour each firm wants this quarter (0 for exited
    firms; researchers: sim.economy.processes.innovation): what makes its expected
    demand and, for goods, `firms.inventory_adjustment` of the gap to its target
    inventory (production smoothing); `capacity` is each firm's
    staff capacity multiplier, `capital_capacity` the units its capital (with the
    machines due this quarter) can make."""
    goods = GOODS[f.category]
    restock = fp.inventory_adjustment * (fp.inventory_target * f.expected_demand - f.inventory)
    desired = np.where(goods, np.maximum(0.0, f.expected_demand + restock), f.expected_demand)
    desired = np.minimum(desired, capital_capacity)
    demand = np.minimum(desired * labour_per_unit(f=f, fp=fp,
                                                  growth_index=growth_index), f.capacity * capacity)
    return np.where(f.alive, demand, 0.0)


def overhead_labour(*, f: FirmTable, overhead: float) -> np.ndarray:
    """Fixed labour each live firm needs whatever it sells, efficiency units
    (`overhead`: per firm agent, the same for all)."""
    return np.where(f.alive, overhead, 0.0)


def output(*, f: FirmTable, fp: Firms, growth_index: float,
           capital_capacity: np.ndarray) -> np.ndarray:
    """Units each firm produces with the labour it employs outside research and
    overhead (`f.overhead_labour`), at most `capital_capacity`."""
    productive = np.maximum(0.0, f.labour - f.research_labour - f.overhead_labour)
    return np.minimum(productive / labour_per_unit(f=f, fp=fp,
                                                   growth_index=growth_index), capital_capacity)
