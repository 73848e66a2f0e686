"""What a quarter measured: the aggregates every outcome is computed from (persons,
income and real consumption by kind, spending by category and option), and `outcome_row`,
the quarter's outcome row (each outcome's rule is declared in sim.economy.outcomes).

Consumption of each household kind is deflated category by category with that kind's
own price index: the price it actually paid per quality-adjusted unit (delivered price
over 1 + quality_cost * quality, so better quality is not counted as inflation),
relative to the 2016 status-quo price of such a unit (`reference_prices`). A lower rural
delivery surcharge, cheaper online purchases or a switch to cheaper sellers therefore
raise real consumption, as in the NBS's separate urban and rural price indices. Incomes
are deflated with each kind's implied index.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import SimpleNamespace

import numpy as np

from sim.config.levers import LEVERS
from sim.economy.agents import FirmTable, HouseholdTable
from sim.economy.constants import KINDS, N_CATEGORIES, RURAL, SHIPPED_IN
from sim.economy.goods_market import (
    N_HOUSEHOLD_SEGMENTS,
    Clearing,
    Options,
    by_category,
    segment_rows,
)
from sim.economy.kernels import jit
from sim.economy.ledger import Ledger
from sim.economy.outcomes import OUTCOMES
from sim.economy.processes import technology
from sim.economy.state import Macro, Quarter


@dataclass(frozen=True)
class Welfare:
    """What households' consumption this quarter is worth in yuan of the opening's
    choice set (sim.economy.processes.welfare).

    Attributes:
        by_household: money-metric consumption per household, yuan this quarter.
        opening_pc: consumption per person at the opening, by kind and in all (4), yuan
            per quarter.
    """

    by_household: np.ndarray
    opening_pc: np.ndarray


@dataclass
class Measures:
    """The quarter's aggregates, province totals in yuan unless said otherwise.

    Attributes:
        persons: persons by kind (during the quarter: before hukou conversion).
        kind_price_index: price per quality-adjusted unit each kind paid, relative to
            2016, by category (3 x 8).
        income: disposable income by kind.
        nominal: household spending by kind and category.
        real: real consumption by kind (2016 prices).
        cpi: the consumer price level, 2016 = 1.
        welfare: money-metric consumption by kind, yuan at the opening's choice set
            (None in the burn-in).
        welfare_opening_pc: consumption per person at the opening, by kind and in all.
        productivity: the economy's measured labour productivity, 2016 = 1: its
            technology index times firms' quality-adjusted output per efficiency unit of
            production labour relative to it, against 2016's
            (sim.economy.processes.technology.relative_productivity).
        spent: household spending on each option of the choice set (`options`).
        h, f, ledger, quarter, macro, p: the state the quarter ended with.
    """

    persons: np.ndarray
    kind_price_index: np.ndarray
    income: np.ndarray
    nominal: np.ndarray
    real: np.ndarray
    cpi: float
    spent: np.ndarray
    options: Options
    h: HouseholdTable
    f: FirmTable
    ledger: Ledger
    quarter: Quarter
    macro: Macro
    p: SimpleNamespace
    productivity: float = 1.0
    welfare: np.ndarray | None = None
    welfare_opening_pc: np.ndarray | None = None

    @property
    def by_category(self) -> np.ndarray:
        """Household spending by category."""
        return self.nominal.sum(axis=0)

    @property
    def consumption(self) -> np.ndarray:
        """Nominal consumption by kind."""
        return self.nominal.sum(axis=1)

    def deflator(self, k: int) -> float:
        """Kind `k`'s own price index (1 without spending)."""
        return ratio(self.consumption[k], self.real[k]) or 1.0


def ratio(a: float, b: float) -> float:
    """a / b, or 0 when b is not positive."""
    return float(a / b) if b > 0 else 0.0


def prices_paid(*, clearing: Clearing, quality_cost: float) -> np.ndarray:
    """Price per quality-adjusted unit paid by each household kind, by category (3 x 8)."""
    opt = clearing.options
    spent = clearing.spent[:N_HOUSEHOLD_SEGMENTS]
    delivered = clearing.delivered_price()[:N_HOUSEHOLD_SEGMENTS]
    units = spent / delivered * (1.0 + quality_cost * opt.quality)[None, :]
    row_kind = segment_rows()[0]
    out = np.ones((len(KINDS), N_CATEGORIES))
    for k in range(len(KINDS)):
        paid = by_category(values=spent[row_kind == k], category=opt.category).sum(axis=0)
        got = by_category(values=units[row_kind == k], category=opt.category).sum(axis=0)
        out[k] = np.divide(paid, got, out=np.full(N_CATEGORIES, np.nan), where=got > 0)
    return out


def reference_prices() -> np.ndarray:
    """The 2016 status-quo price of a quality-adjusted unit, by kind and category (3 x 8):
    1 yuan bought in town at the initial markup, plus the 2016 rural delivery surcharge on
    goods bought in a village. The same in every scenario, so real consumption is
    comparable across scenarios."""
    surcharge = LEVERS["rural_logistics.cost_markup"].baseline
    out = np.ones((len(KINDS), N_CATEGORIES))
    out[RURAL] += surcharge * SHIPPED_IN
    return out


@jit
def _by_kind(kind, persons, income):
    """Persons and income summed by kind."""
    persons_k, income_k = np.zeros(len(KINDS)), np.zeros(len(KINDS))
    for i in range(len(kind)):
        persons_k[kind[i]] += persons[i]
        income_k[kind[i]] += income[i]
    return persons_k, income_k


def measure(*, h: HouseholdTable, f: FirmTable, ledger: Ledger, q: Quarter, macro: Macro,
            p: SimpleNamespace, welfare: Welfare | None = None) -> Measures:
    """The quarter's aggregates."""
    scale = ledger.scale
    persons, income = _by_kind(q.kind, h.persons, h.income)
    worth = None
    if welfare is not None:
        worth = scale * np.bincount(q.kind, weights=welfare.by_household,
                                    minlength=len(KINDS))
    nominal = q.spending_by_kind * scale
    index = np.nan_to_num(prices_paid(clearing=q.clearing,
                                      quality_cost=p.firms.quality_cost) / reference_prices(),
                          nan=1.0)
    real = (nominal / index).sum(axis=1)
    return Measures(
        persons=persons * scale, kind_price_index=index, income=income * scale,
        nominal=nominal, real=real,
        cpi=ratio(nominal.sum(), real.sum()) or 1.0,
        spent=q.clearing.spent[:N_HOUSEHOLD_SEGMENTS].sum(axis=0), options=q.clearing.options,
        h=h, f=f, ledger=ledger, quarter=q, macro=macro, p=p, welfare=worth,
        productivity=macro.growth_index * (
            technology.relative_productivity(f, p.firms) / macro.relative_productivity_2016
            if macro.relative_productivity_2016 > 0.0 else 1.0),
        welfare_opening_pc=None if welfare is None else welfare.opening_pc)


def outcome_row(m: Measures) -> dict[str, float]:
    """The quarter's outcome row: every outcome the registry computes each quarter."""
    return {o.name: float(o.compute(m)) for o in OUTCOMES.values() if o.compute is not None}
