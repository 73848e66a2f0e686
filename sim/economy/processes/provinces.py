"""The rest of China (steps 1, 7 and 12 of the quarter): the other provinces sell goods in
Guangdong's shops and buy Guangdong's manufactures, at national prices.

Guangdong is a region of a monetary union: its prices are anchored by the national
market, and extra demand leaks into purchases from the other provinces (Nakamura and
Steinsson 2014, AER 104(3): a region's relative multiplier is an open-economy one). Each
category of goods (services are made where they are consumed) has an option "made in the
other provinces" in every household's choice set (sim.economy.processes.choice),
supplied without limit at the national price level (`china.inflation`) for goods of the
category's average quality, trusted as Guangdong's own (the province's market
supervision covers them). Its weight in the logit is the log of the varieties the other
provinces offer on Guangdong's shelves; the opening and the burn-in set it so that each
category's 2016 share of households' spending bought from the other provinces is
`china.inflow_share` (the domestic inflow of the input-output table), and it is fixed
from 2016. The other provinces buy Guangdong's manufactures as the world does
(world.export_demand at the national price level): volumes at the trend, at national
prices, falling with Guangdong's price relative to the nation's
(`china.outflow_price_elasticity`).
"""

from __future__ import annotations

import numpy as np

from sim.config.parameters import China
from sim.economy.agents import FirmTable
from sim.economy.constants import CATEGORIES, N_CATEGORIES, PROVINCES
from sim.economy.goods_market import N_HOUSEHOLD_SEGMENTS, Clearing

# Shares are kept inside (SHARE_FLOOR, 1 - SHARE_FLOOR) when their logit is taken.
SHARE_FLOOR = 1e-6


def category_quality(*, f: FirmTable) -> np.ndarray:
    """The quality of the other provinces' goods by category: the revenue-weighted mean
    declared quality of Guangdong's live firms in it (their plain mean before any sale;
    0 for a category without firms). The nation's goods keep pace with the province's."""
    live = f.alive
    weights = np.where(live, np.maximum(f.revenue, 0.0), 0.0)
    if weights.sum() <= 0:
        weights = live.astype(float)
    total = np.bincount(f.category, weights=weights, minlength=N_CATEGORIES)
    quality = np.bincount(f.category, weights=weights * f.declared, minlength=N_CATEGORIES)
    return np.divide(quality, total, out=np.zeros(N_CATEGORIES), where=total > 0)


def reference_price(*, f: FirmTable, price: np.ndarray, quality_cost: float,
                    wage_level: float) -> np.ndarray:
    """The price of a unit of quality-adjusted goods at the opening by category, yuan per
    unit at a wage level of 1: the mean of the category's firms' offline prices (`price`,
    by firm row) over their quality cost factor and the wage level. The other provinces'
    goods cost this times their quality cost factor and the national price level."""
    live = f.alive
    base = price / (1.0 + quality_cost * f.quality) / wage_level
    total = np.bincount(f.category, weights=np.where(live, base, 0.0), minlength=N_CATEGORIES)
    count = np.bincount(f.category, weights=live.astype(float), minlength=N_CATEGORIES)
    return np.divide(total, count, out=np.ones(N_CATEGORIES), where=count > 0)


def inflow_prices(*, reference: np.ndarray, quality: np.ndarray, quality_cost: float,
                  national_price: float) -> np.ndarray:
    """The other provinces' price by category this quarter, yuan per unit: the
    reference price times the quality cost factor of `quality` and the national price
    level."""
    return reference * (1.0 + quality_cost * quality) * national_price


def preference_step(*, log_varieties: np.ndarray, share: np.ndarray,
                    target: np.ndarray) -> np.ndarray:
    """The other provinces' log varieties after one step towards `target` shares of
    households' spending by category (`share`: this quarter's): the gap in log odds,
    which is the step that closes it when the option's own share moves one for one with
    its utility in log odds (a small share). Categories without a share keep theirs."""
    s = np.clip(share, SHARE_FLOOR, 1.0 - SHARE_FLOOR)
    goal = np.clip(target, SHARE_FLOOR, 1.0 - SHARE_FLOOR)
    step = np.log(goal / (1.0 - goal)) - np.log(s / (1.0 - s))
    return np.where(np.isfinite(share) & (target > 0), log_varieties + step, log_varieties)


def household_share(clearing: Clearing) -> np.ndarray:
    """The share of households' spending on each category bought from the other
    provinces in this market (NaN where households spent nothing on it)."""
    opt = clearing.options
    spent = clearing.spent[:N_HOUSEHOLD_SEGMENTS].sum(axis=0)
    total = np.bincount(opt.category, weights=spent, minlength=N_CATEGORIES)
    inflow = np.bincount(opt.category, weights=spent * (opt.channel == PROVINCES),
                         minlength=N_CATEGORIES)
    return np.divide(inflow, total, out=np.full(N_CATEGORIES, np.nan), where=total > 0)


def inflow_target(cp: China) -> np.ndarray:
    """The 2016 share of households' spending bought from the other provinces, by
    category (`china.inflow_share`; 0 for services)."""
    return np.array([getattr(cp.inflow_share, c, 0.0) for c in CATEGORIES])
