"""Rural logistics (五（二）): the delivered-price surcharge on goods bought by rural
households falls as the rural logistics capital stock grows, with a constant
elasticity (`government.infrastructure_elasticity`, declared uncertain in 0.1-0.5: no
delivery-cost elasticity was found; the returns of rural infrastructure to output, Fan
and Zhang 2004, are not one). Step 1 of the
quarter sets the surcharge; the government's investment (ordered in step 10 from the
capital-goods sector, delivered next quarter) adds to the stock, which wears out at
`government.infrastructure_depreciation`: a lever that raises investment for a few
years lowers the surcharge for as long as the capital it bought lasts, not for ever.
"""

from __future__ import annotations


def rural_surcharge(*, cost_markup: float, stock_2016: float, stock: float,
                    elasticity: float) -> float:
    """The surcharge this quarter, share of the goods price: the lever's 2016 surcharge
    scaled by (2016 stock / stock) ** elasticity."""
    return cost_markup * (stock_2016 / stock) ** elasticity


def stock_after(*, stock: float, delivered: float, depreciation: float) -> float:
    """The logistics stock at the end of the quarter, yuan at 2016 prices: worn by
    `depreciation` (share a quarter), plus the capital delivered this quarter."""
    return (1.0 - depreciation) * stock + delivered
