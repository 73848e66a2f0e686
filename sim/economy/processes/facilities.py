"""Public service facilities (七（二）: 加大政府对教育、医疗、养老等基础设施...的投资力度):
the government's investment in education, health and care facilities, ordered in step 10
from the capital-goods sector and delivered next quarter, builds a facility stock that
the providers of these services use (as in China's public-private partnerships and its
purchases of services from private providers, 三（二）).

A yuan of facilities adds as much capacity as a yuan of the providers' own capital did in
2016: the fixed-proportions technology of the firms (Dosi, Fagiolo and Roventini 2010)
applied to public capital, with no constant of its own. The stock wears out at the rate
of firms' capital (`capital.depreciation`).
"""

from __future__ import annotations


def capacity_added(*, stock: float, providers_capital_2016: float) -> float:
    """Capacity the facilities add to the services the lever scales, as a multiple of
    their 2016 capacity: the stock over the providers' 2016 capital (both yuan at 2016
    prices)."""
    if providers_capital_2016 <= 0.0:
        return 0.0
    return stock / providers_capital_2016


def stock_after(*, stock: float, delivered: float, depreciation: float) -> float:
    """The facility stock at the end of the quarter, yuan at 2016 prices: worn by
    `depreciation` (share a quarter), plus the facilities delivered."""
    return (1.0 - depreciation) * stock + delivered
