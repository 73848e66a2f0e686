"""Firms' capital and investment (step 9 of the quarter), after Dosi, Fagiolo and
Roventini (2010, section 3) and Caiani et al. (2016).

Firms produce with labour and capital in fixed proportions: a firm's capital
(`capital.capital_output_ratio` units per unit of quarterly output) caps its output.
Capital wears out at `capital.depreciation` a quarter (at the start of the quarter, before
the deliveries). Each quarter a firm orders towards the capital that its expected demand next
quarter needs at `capital.target_utilisation`, net of what it will have left after next
quarter's wear and has on order (an accelerator: expansion plus replacement), from
the capital-goods sector, for delivery next quarter, closing `capital.adjustment_speed`
of a gap beyond replacement and trend growth in a quarter (the flexible accelerator:
Koyck 1954). It orders only what its cash and
credit line can pay for, counting the machines on order as collateral (the bank lends
against them: Caiani et al. 2016).
"""

from __future__ import annotations

import numpy as np

from sim.config.parameters import Capital
from sim.economy.agents import FirmTable


def capacity(*, capital: np.ndarray, cp: Capital) -> np.ndarray:
    """Units of output a quarter that `capital` can make at full use."""
    return capital / cp.capital_output_ratio


def desired_capital(*, expected_demand: np.ndarray, cp: Capital) -> np.ndarray:
    """Capital that makes `expected_demand` units a quarter at the target utilisation."""
    return cp.capital_output_ratio * expected_demand / cp.target_utilisation


def depreciation(*, f: FirmTable, cp: Capital) -> np.ndarray:
    """Capital each live firm loses this quarter, units."""
    return np.where(f.alive, cp.depreciation * f.capital, 0.0)


def orders(*, f: FirmTable, cp: Capital, headroom: np.ndarray, capital_price: float,
           collateral_share: float, trend: float) -> np.ndarray:
    """Units of capital each live firm orders for capacity, within what it can pay: what
    replaces next quarter's wear and grows its capital with the trend (`trend`, the
    quarterly growth of demand the economy's productivity trend brings), plus
    `capital.adjustment_speed` of the rest of the gap between the capital its expected
    demand needs and what it will have after next quarter's wear plus what it has on
    order (a flexible accelerator: a gap closes over several quarters, so a change in
    expected demand does not move a quarter's orders by its whole capital need).

    `headroom` is each firm's cash plus credit line less what its orders already commit,
    yuan; a new order adds `collateral_share` of its value to the line, so a firm can
    order up to headroom / (price (1 - collateral_share))."""
    have = (1.0 - cp.depreciation) * f.capital + f.ordered_capital + f.ordered_fitout
    gap = desired_capital(expected_demand=f.expected_demand, cp=cp) - have
    normal = (cp.depreciation + trend) * f.capital
    wanted = np.maximum(0.0, normal + cp.adjustment_speed * (gap - normal))
    afford = np.maximum(0.0, headroom) / (capital_price * max(1.0 - collateral_share, 1e-9))
    return np.where(f.alive, np.minimum(wanted, afford), 0.0)
