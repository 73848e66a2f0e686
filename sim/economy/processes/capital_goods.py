"""The capital-goods sector (step 2 of the quarter): the machine makers of the
Keynes+Schumpeter model (Dosi, Fagiolo and Roventini 2010, section 3), simplified to one
homogeneous capital good measured in yuan at 2016 prices.

The sector makes to order, with labour alone: what firms (for capacity, quality upgrades
and entrants' set-up) and the government (rural logistics) ordered last quarter is made
and delivered this quarter, and paid on delivery, except quality upgrades (retooling),
which take `capital.upgrade_build_quarters` to build and are delivered and paid in equal
parts (time to build: Kydland and Prescott 1982; a firm agent stands for many real
firms, whose retoolings would not all fall in one quarter), unless rushed to meet a
minimum standard. Its price is `capital.markup` over unit
labour cost; its labour productivity grows with the economy's trend, so a unit of
capital costs the wage level (1 yuan in 2016). It hires in the labour market with the
other firms. When the market fills only part of its labour demand, it delivers the
upgrades first (they are due before a standard binds) and every other order pro rata;
the rest stays on order. It keeps no stock and no cash: it pays its wages, its
production tax and its profit to its owners every quarter.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sim.config.parameters import Capital
from sim.economy.agents import FirmTable


def price(wage_level: float) -> float:
    """Price of a unit of capital (one 2016 yuan's worth), yuan: unit labour cost times
    one plus the markup, which is the wage level (see `labour_per_unit`)."""
    return wage_level


def labour_per_unit(*, cp: Capital, growth_index: float) -> float:
    """Efficiency units of labour that make one unit of capital: 1 / (1 + markup) in
    2016, falling with the economy's productivity trend."""
    return 1.0 / ((1.0 + cp.markup) * growth_index)


def upgrades_due(f: FirmTable) -> np.ndarray:
    """Units of each firm's upgrade on order due this quarter: its pace (the order over
    its build time), or what is left of it (all of it for an order without a pace)."""
    pace = np.where(f.upgrade_pace > 0.0, f.upgrade_pace, f.ordered_upgrade)
    return np.where(f.ordered_upgrade <= pace * (1.0 + 1e-9), f.ordered_upgrade, pace)


def on_order(*, f: FirmTable, public: float) -> float:
    """Every order to be delivered this quarter, units of capital."""
    return float(f.ordered_capital.sum() + f.ordered_fitout.sum()
                 + upgrades_due(f).sum()) + public


@dataclass
class Deliveries:
    """What the sector delivers this quarter, units of capital (by firm row; `quality`:
    the quality the delivered upgrades add)."""

    capacity: np.ndarray
    fitout: np.ndarray
    upgrade: np.ndarray
    quality: np.ndarray
    public: float

    @property
    def to_firms(self) -> np.ndarray:
        """Units delivered to each firm, all purposes."""
        return self.capacity + self.fitout + self.upgrade

    @property
    def total(self) -> float:
        """Units delivered, the sector's output."""
        return float(self.to_firms.sum()) + self.public


def deliver(*, f: FirmTable, public: float, output: float) -> Deliveries:
    """Share `output` units over the orders: the upgrades due first (each adds its
    share of the quality on order), then every other order (firms' capacity and set-up,
    the government's) pro rata; never more than ordered."""
    due = upgrades_due(f)
    upgrades = float(due.sum())
    first = min(1.0, output / upgrades) if upgrades > 0.0 else 1.0
    rest = float(f.ordered_capital.sum() + f.ordered_fitout.sum()) + public
    left = max(0.0, output - first * upgrades)
    share = min(1.0, left / rest) if rest > 0.0 else 1.0
    part = np.where(due >= f.ordered_upgrade, 1.0,
                    np.divide(due, f.ordered_upgrade, out=np.zeros(len(due)),
                              where=f.ordered_upgrade > 0.0))  # (of the order, due now)
    return Deliveries(capacity=share * f.ordered_capital, fitout=share * f.ordered_fitout,
                      upgrade=first * due, quality=first * part * f.ordered_quality,
                      public=share * public)


@dataclass
class Accounts:
    """The sector's quarter, yuan: its sales, wages, production tax, and the profit it
    pays its owners (gross, and the dividend tax on it)."""

    sales: float
    wages: float
    tax: float
    dividends: float
    dividend_tax: float


def accounts(*, sales: float, wages: float, tax_rate: float, dividend_tax: float) -> Accounts:
    """What the sector pays out of its `sales`: `wages`, the production tax on sales at
    `tax_rate` and the rest to owners, of which `dividend_tax` goes to the government."""
    tax = tax_rate * sales
    profit = max(0.0, sales - wages - tax)
    return Accounts(sales, wages, tax, (1.0 - dividend_tax) * profit, dividend_tax * profit)
