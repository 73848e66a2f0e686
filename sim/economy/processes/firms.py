"""Step 9 of the quarter, first part: firms adjust expectations and inventories, pay
interest on overdrafts and production taxes, book profit and pay dividends (markups:
sim.economy.processes.pricing).

Expectations are adaptive around the economy's trend growth (firms know the trend).
Overdrafts are bank credit and pay the firm loan rate (Caiani et al. 2016). Firms keep
`firms.cash_target_quarters` of their wage bill as cash and pay a share `firms.payout`
of the rest to their owners. A firm's losses in a row are counted: persistent losses end
it (sim.economy.processes.entry_exit).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sim.config.parameters import Firms
from sim.economy.agents import FirmTable
from sim.economy.constants import GOODS


@dataclass
class Plans:
    """Firms' inventories and expected demand for next quarter."""

    inventory: np.ndarray
    expected_demand: np.ndarray


def plan(*, f: FirmTable, fp: Firms, trend: float) -> Plans:
    """Inventories decay; expected demand moves `demand_expectation_weight` of the way to
    this quarter's demand, times the quarter's `trend` growth."""
    goods = GOODS[f.category]
    w = fp.demand_expectation_weight
    expected = np.where(f.alive, trend * (w * f.demand + (1.0 - w) * f.expected_demand), 0.0)
    return Plans(inventory=f.inventory * (1.0 - fp.inventory_decay * goods),
                 expected_demand=expected)


def overdraft_interest(*, f: FirmTable, annual_rate: float) -> np.ndarray:
    """Interest each firm pays on its overdraft this quarter, yuan."""
    return np.where(f.alive, annual_rate / 4.0 * np.maximum(0.0, -f.cash), 0.0)


def losses(f: FirmTable) -> np.ndarray:
    """Consecutive quarters with a loss, this quarter's profit counted."""
    return np.where(f.alive & (f.profit < 0.0), f.loss_quarters + 1, 0).astype(np.int32)


def production_tax(*, f: FirmTable, rate: float) -> np.ndarray:
    """VAT and enterprise income tax as an effective rate on each firm's sales, yuan."""
    return np.where(f.alive, rate * f.revenue, 0.0)


def dividends(*, f: FirmTable, fp: Firms) -> np.ndarray:
    """Gross dividend of each firm, yuan: `payout` of its cash above its target."""
    keep = fp.cash_target_quarters * f.wage_bill
    return np.where(f.alive, fp.payout * np.maximum(0.0, f.cash - keep), 0.0)

