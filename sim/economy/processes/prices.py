"""Prices households face and the price index they cost their needs at.

The quality-adjusted price index of a category (step 12 of the quarter) is the
revenue-weighted price of its firms per unit of quality-adjusted output (price over
1 + quality_cost x quality, the unit cost's rise with quality), relative to its 2016
value: a hedonic index, so better quality is not counted as inflation, and a firm's
productivity gain passed on in its price is. Households pay it
net of consumption rebates, and rural households pay the delivery surcharge on goods
on top (五（二）); the Linear Expenditure System's subsistence basket is priced at
these prices.
"""

from __future__ import annotations

import numpy as np

from sim.config.parameters.shapes import ByCategory
from sim.economy.agents import FirmTable
from sim.economy.constants import CATEGORIES, KINDS, N_CATEGORIES, RURAL, SHIPPED_IN
from sim.economy.rules import producer_price_factor, unit_price


def household_prices(*, category_index: np.ndarray, rebate_by_category: np.ndarray,
                     rural_surcharge: float) -> np.ndarray:
    """Price of one yuan-at-2016-prices of each category, by kind of household (rows in
    the order of constants.KINDS), net of rebates, with the rural surcharge on the goods
    shipped into villages (constants.SHIPPED_IN: not local food)."""
    base = category_index * (1.0 - rebate_by_category)
    rural = base * (1.0 + rural_surcharge * SHIPPED_IN)
    return np.vstack([rural if k == RURAL else base for k in range(len(KINDS))])


def basket(subsistence: ByCategory) -> np.ndarray:
    """LES subsistence quantities per person and quarter, by category (2016 yuan)."""
    return np.array([getattr(subsistence, c) for c in CATEGORIES])


def subsistence_cost(*, kind: np.ndarray, persons: np.ndarray, prices: np.ndarray,
                     quantities: np.ndarray) -> np.ndarray:
    """Cost of each household's subsistence basket this quarter, yuan."""
    per_person = prices @ quantities  # by kind
    return persons * per_person[kind]


def quality_adjusted_price(*, f: FirmTable, targeted: np.ndarray, wage_level: float,
                           producer_rate: float) -> np.ndarray:
    """Each firm's price per unit of quality-adjusted output, yuan (offline, after the
    producer subsidy): the wage level times its markup factor over its productivity."""
    price = unit_price(markup=f.markup, quality=np.zeros(len(f)), productivity=f.productivity,
                       quality_cost=0.0, wage_level=wage_level)
    return price * producer_price_factor(is_targeted=targeted, rate=producer_rate,
                                         export_share=f.export_share)


def category_price_index(*, f: FirmTable, targeted: np.ndarray, wage_level: float,
                         producer_rate: float, previous: np.ndarray) -> np.ndarray:
    """The quality-adjusted price index by category, about 1 in 2016 (2016 firms'
    productivities are normalised so, sim.economy.population): firms' quality-adjusted
    prices weighted by revenue; a category with no sales keeps its index
    (`previous`)."""
    live = f.alive & (f.revenue > 0)
    relative = quality_adjusted_price(f=f, targeted=targeted, wage_level=wage_level,
                                      producer_rate=producer_rate)
    index = previous.copy()
    for c in range(N_CATEGORIES):
        rows = live & (f.category == c)
        if rows.any():
            index[c] = np.average(relative[rows], weights=f.revenue[rows])
    return index
