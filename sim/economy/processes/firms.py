"""Step 9 of the quarter, first part: firms adjust expectations, inventories and
markups, pay production taxes, book profit and pay dividends.

Expectations are adaptive around the economy's trend growth (firms know the trend).
Markups rise with excess demand and fall with excess supply relative to the inventory
target (a rule of thumb in the spirit of the Keynes+Schumpeter models' markup dynamics,
Dosi, Fagiolo and Roventini 2010). Firms keep `firms.cash_target_quarters` of their
wage bill as cash and pay a share `firms.payout` of the rest to their owners.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sim.config.parameters import Firms
from sim.economy.agents import FirmTable
from sim.economy.constants import GOODS


@dataclass
class Plans:
    """Firms' inventories, expected demand and markups for next quarter."""

    inventory: np.ndarray
    expected_demand: np.ndarray
    markup: np.ndarray


def plan(f: FirmTable, fp: Firms, trend: float) -> Plans:
    """Inventories decay; expected demand moves `demand_expectation_weight` of the way to
    this quarter's demand, times the quarter's `trend` growth; markups respond to the
    ratio of demand to supply relative to its target, within `markup_bounds`."""
    goods = GOODS[f.category]
    supply = np.where(goods, f.sales + f.inventory, f.output)
    pressure = np.divide(f.demand, supply, out=np.zeros(len(f)), where=supply > 0)
    w = fp.demand_expectation_weight
    expected = np.where(f.alive, trend * (w * f.demand + (1.0 - w) * f.expected_demand), 0.0)
    target = np.where(goods, 1.0 / (1.0 + fp.inventory_target), 1.0)
    limit = fp.markup_signal_limit
    signal = np.clip(pressure - target, -limit, limit)
    low, high = fp.markup_bounds
    return Plans(inventory=f.inventory * (1.0 - fp.inventory_decay * goods),
                 expected_demand=expected,
                 markup=np.clip(f.markup * np.exp(fp.markup_adjustment * signal), low, high))


def production_tax(f: FirmTable, rate: float) -> np.ndarray:
    """VAT and enterprise income tax as an effective rate on each firm's sales, yuan."""
    return np.where(f.alive, rate * f.revenue, 0.0)


def dividends(f: FirmTable, fp: Firms) -> np.ndarray:
    """Gross dividend of each firm, yuan: `payout` of its cash above its target."""
    keep = fp.cash_target_quarters * f.wage_bill
    return np.where(f.alive, fp.payout * np.maximum(0.0, f.cash - keep), 0.0)

