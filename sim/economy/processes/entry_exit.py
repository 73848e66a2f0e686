"""Step 9 of the quarter, last part: exit and entry of firms.

Exit follows insolvency: a firm whose overdraft exceeds `firms.overdraft_limit`
quarters of its revenue (or wage bill) closes; so does a firm below the minimum
standard that cannot afford to meet it (sim.economy.processes.upgrades). Its workers
are laid off, its cash goes to its owners and the bank writes off its overdraft.

Entry into a category is more likely the more an entrant expects to earn there relative
to the cost of entering (三（一）): the entry cost the market-access lever sets plus the
working capital of an incumbent. Entrants are financed by owners' equity and meet the
minimum standard in force (四（一）).
"""

from __future__ import annotations

from dataclasses import dataclass
from types import SimpleNamespace

import numpy as np

from sim.config.parameters import Firms
from sim.economy.agents import FirmTable
from sim.economy.constants import CAPACITY_SERVICES, N_CATEGORIES
from sim.economy.population import firm_attributes
from sim.economy.rules import annuity, logistic


def insolvent(f: FirmTable, fp: Firms) -> np.ndarray:
    """Rows of live firms whose overdraft exceeds the limit."""
    limit = fp.overdraft_limit * np.maximum(f.revenue, f.wage_bill)
    return np.flatnonzero(f.alive & (f.cash < -limit))


@dataclass
class Closure:
    """What closing firms pays out: positive cash to owners, overdrafts written off."""

    rows: np.ndarray
    liquidation: np.ndarray  # each firm's cash paid to its owners, yuan
    written_off: np.ndarray  # each firm's overdraft the bank writes off, yuan


def closure(f: FirmTable, rows: np.ndarray) -> Closure:
    """The payments of closing the firms in `rows`."""
    cash = np.zeros(len(f))
    cash[rows] = f.cash[rows]
    return Closure(rows, np.maximum(cash, 0.0), np.maximum(-cash, 0.0))


@dataclass
class Entrant:
    """A firm that enters this quarter: its attributes, the cost of entering and the
    demand it expects."""

    attributes: dict
    entry_cost: float
    capital: float
    expected_demand: float

    @property
    def cost(self) -> float:
        """Entry cost plus working capital, yuan: what its owners must put in."""
        return self.entry_cost + self.capital


def entrants(f: FirmTable, p: SimpleNamespace, levers: SimpleNamespace,
             rng: np.random.Generator) -> list[Entrant]:
    """Who enters each category this quarter. Attributes are drawn whether or not entry
    happens, so the entry stream advances the same way in every scenario."""
    fp = p.firms
    draws = rng.random(N_CATEGORIES)
    entry_cost = levers.market_access.entry_cost * p.population.real_firms_per_agent
    value_per_profit = fp.entrant_profit_share * annuity(fp.discount_rate, fp.upgrade_horizon)
    out = []
    for c in range(N_CATEGORIES):
        incumbents = np.flatnonzero(f.alive & (f.category == c))
        if len(incumbents):
            profit = np.maximum(0.0, f.profit[incumbents]).mean()
            capital = fp.cash_target_quarters * f.wage_bill[incumbents].mean()
            quality = float(np.median(f.quality[incumbents]))
        else:
            profit, capital, quality = np.inf, 0.0, float(np.mean(fp.initial_quality_range))
        cost = entry_cost + capital
        if len(incumbents) < 2:  # an empty market
            chance = fp.entry_rate_max
        else:
            gain, noise = value_per_profit * profit - cost, fp.decision_noise * cost
            with np.errstate(over="ignore"):  # (a huge ratio is a sure decision)
                chance = fp.entry_rate_max * (logistic(gain / noise) if noise > 0
                                              else float(gain > 0))
        spread = fp.entrant_quality_spread
        drawn = float(np.clip(quality + rng.uniform(-spread, spread), 0.0, 1.0))
        attrs = firm_attributes(p, c, max(drawn, levers.quality.min_standard), rng)
        if draws[c] >= chance:
            continue
        if CAPACITY_SERVICES[c] and len(incumbents):
            attrs["capacity"] = f.capacity[incumbents].mean()
        peers = f.expected_demand[incumbents]
        out.append(Entrant(attrs, entry_cost, capital,
                           fp.entrant_demand_share * peers.mean() if len(peers) else 0.0))
    return out
