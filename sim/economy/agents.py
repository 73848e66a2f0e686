"""Households and firms: Mesa agents whose state lives in numpy tables.

Each quarter's work runs as array operations over a table (struct of arrays, as in
BeforeIT.jl), never as a Python loop over households. The Mesa agents are thin views:
an agent holds its row and reads and writes the table through properties, so
`model.agents_by_type[Household]` iterates households as usual and
`agent.income` is always the live value. Money (deposits, debt, cash) reads but does
not write: it moves only through the ledger's payments.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from functools import cached_property
from typing import Any

import mesa
import numpy as np

from sim.economy.constants import CATEGORIES, KINDS, REGIONS

# Keys of households that arrived from the other provinces after the opening.
ARRIVED_KEYS = 2**40


@dataclass
class HouseholdTable:
    """State of all households, one row per household (per real household of the
    `scale` it stands for). Money in yuan, flows per quarter.

    Attributes:
        kind: 0 urban, 1 rural, 2 migrant (constants.KINDS); a migrant household that
            settles (hukou conversion) becomes urban.
        origin: the household's kind in 2016: its habits (the propensity to consume
            fitted by kind) and its working-age make-up (no pension yet) stay with it
            when its hukou changes.
        region: 0 Pearl River Delta, 1 rest of the province (constants.REGIONS).
        persons: household members.
        earners: members in work when the household is employed.
        skill: quarterly wage of the household's earners at 2016 wages, yuan
            (labour supply in efficiency units).
        employed: whether the household's earners have a job.
        employer: row of the employing firm, -1 if none, -2 the capital-goods sector
            (constants.CAPITAL_GOODS_EMPLOYER).
        income: disposable income received this quarter, yuan.
        permanent_income: smoothed disposable income, yuan per quarter.
        deposits: bank deposits, yuan (never negative).
        debt: consumer debt, yuan.
        credit_access: may borrow from the bank.
        credit_limit: maximum consumer debt, yuan.
        excluded_until: step until which a defaulter is refused credit.
        covered: covered by urban public services and social insurance.
        online: can buy online.
        quality_taste: taste for quality at 2016 income (logit weight on quality).
        buffer_factor: the household's own scale of its target buffer (impatience < 1).
        owner_weight: share of firm and bank dividends the household receives.
        trust: trust in the declared quality of domestic products, by category, in [0, 1].
        spending: consumption spending this quarter by category, yuan.
        durables_ahead: purchases made ahead of plan for a coupon or a rebate and not
            yet worked off, by category, yuan at the prices paid: the household's stock
            of goods above its planned path, which lowers its planned spending until it
            is used up (sim.economy.processes.durables).
        rank_*: fixed uniform draws that place a household in a lever's covered share,
            so a lever moves a threshold over the same households in every scenario.
        key: the household's identity: its row when the economy opened; from
            `ARRIVED_KEYS` for migrant households that arrived later (the k-th arrival
            of a quarter has the same key in every scenario, not the same household).
    """

    kind: np.ndarray
    origin: np.ndarray
    region: np.ndarray
    persons: np.ndarray
    earners: np.ndarray
    skill: np.ndarray
    employed: np.ndarray
    employer: np.ndarray
    income: np.ndarray
    permanent_income: np.ndarray
    deposits: np.ndarray
    debt: np.ndarray
    credit_access: np.ndarray
    credit_limit: np.ndarray
    excluded_until: np.ndarray
    covered: np.ndarray
    online: np.ndarray
    quality_taste: np.ndarray
    buffer_factor: np.ndarray
    owner_weight: np.ndarray
    trust: np.ndarray
    spending: np.ndarray
    durables_ahead: np.ndarray
    rank_credit: np.ndarray
    rank_coverage: np.ndarray
    rank_online: np.ndarray
    rank_broadband: np.ndarray
    key: np.ndarray | None = None

    def __post_init__(self) -> None:
        if self.key is None:  # (the 2016 households: their rows)
            self.key = np.arange(len(self.kind), dtype=np.int64)

    def __len__(self) -> int:
        return len(self.kind)

    @cached_property
    def efficiency(self) -> np.ndarray:
        """Labour supply in efficiency units (yuan of 2016 wages per quarter): skill times
        earners (kept between quarters; `refresh` after skills or rows change)."""
        return self.skill * self.earners

    def refresh(self) -> None:
        """Forget what is worked out from the columns (after skills or rows change)."""
        self.__dict__.pop("efficiency", None)

    def keep(self, rows: np.ndarray) -> None:
        """Keep only the household rows `rows`, in their order (households who leave
        the province: their balances must already be paid out)."""
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name)[rows])
        self.refresh()

    def append_copies(self, rows: np.ndarray, **columns: Any) -> np.ndarray:
        """Add one household per entry of `rows`, a copy of that row, with the columns
        given replaced (one value for all, or one per copy). Returns the new rows."""
        start = len(self)
        for f in fields(self):
            column = getattr(self, f.name)
            copies = column[rows].copy()
            if f.name in columns:  # (one value broadcasts over the copies)
                copies[...] = np.asarray(columns[f.name], dtype=column.dtype)
            setattr(self, f.name, np.concatenate([column, copies]))
        self.refresh()
        return np.arange(start, start + len(rows))


@dataclass
class FirmTable:
    """State of all firms ever alive, one row per firm; exited firms keep their row.

    Attributes:
        key: the firm's identity for its random draws, the same in every scenario
            (its 2016 row, or the quarter, category and order of its entry).
        category: index into constants.CATEGORIES.
        region: 0 Pearl River Delta, 1 rest of the province.
        alive: still in the market.
        quality: true quality index in [0, 1].
        declared: declared quality index (above `quality` if misdeclaring).
        honesty: firm's cost of misdeclaring, share of revenue.
        misdeclaration_gain: firm's gain from overstating its quality, share of revenue.
        export_share: share of last quarter's sales receipts from abroad (producer
            subsidies are paid on sales at home only).
        probation_until: step until which a caught firm declares truthfully.
        productivity: output units per yuan of 2016 wages.
        markup: price over unit cost, minus one.
        capacity: maximum labour, efficiency units (services), inf for goods.
        inventory: unsold goods, units.
        output: units produced this quarter.
        expected_demand: units the firm expects to sell per quarter.
        demand: units demanded this quarter.
        sales: units sold this quarter.
        revenue: sales revenue this quarter, yuan.
        wage_bill: wages paid this quarter, yuan.
        labour: employed efficiency units (production and research).
        research_labour: the part of `labour` doing R&D, efficiency units.
        overhead_labour: the part of `labour` that is fixed overhead, efficiency units.
        cash: deposits, yuan (negative: overdraft).
        profit: profit this quarter, yuan.
        online: sells online.
        green: green-labelled product (二（三）).
        born: step of entry.
        died: step of exit (-1 while alive).
        loss_quarters: consecutive quarters with a loss.
        upgrades: number of quality upgrades bought.
        innovations, imitations: successful R&D searches adopted.
        capital: capital stock, yuan at 2016 prices of capital goods (its capacity:
            capital / capital.capital_output_ratio units a quarter).
        ordered_capital, ordered_fitout, ordered_upgrade: capital goods on order from
            the capital-goods sector for capacity, for an entrant's set-up and for a
            quality upgrade, yuan at 2016 prices (delivered and paid next quarter).
        ordered_quality: the quality the upgrade on order adds on delivery.
        technology: the log technology its capital embodies: the capital-weighted mean
            of the frontiers its machines were made at (sim.economy.processes.technology).
        productivity_shock: the transitory part of its log productivity, an AR(1)
            (sim.economy.processes.technology.shocked).
        upgrade_pace: the units of its upgrade on order due each quarter (the order
            over capital.upgrade_build_quarters).
    """

    key: np.ndarray
    category: np.ndarray
    region: np.ndarray
    alive: np.ndarray
    quality: np.ndarray
    declared: np.ndarray
    honesty: np.ndarray
    misdeclaration_gain: np.ndarray
    export_share: np.ndarray
    probation_until: np.ndarray
    productivity: np.ndarray
    markup: np.ndarray
    capacity: np.ndarray
    inventory: np.ndarray
    output: np.ndarray
    expected_demand: np.ndarray
    demand: np.ndarray
    sales: np.ndarray
    revenue: np.ndarray
    wage_bill: np.ndarray
    labour: np.ndarray
    research_labour: np.ndarray
    overhead_labour: np.ndarray
    cash: np.ndarray
    profit: np.ndarray
    online: np.ndarray
    green: np.ndarray
    born: np.ndarray
    died: np.ndarray
    loss_quarters: np.ndarray
    upgrades: np.ndarray
    innovations: np.ndarray
    imitations: np.ndarray
    capital: np.ndarray
    ordered_capital: np.ndarray
    ordered_fitout: np.ndarray
    ordered_upgrade: np.ndarray
    ordered_quality: np.ndarray
    technology: np.ndarray
    productivity_shock: np.ndarray
    upgrade_pace: np.ndarray

    def __len__(self) -> int:
        return len(self.category)

    def keep(self, rows: np.ndarray) -> None:
        """Keep only the firm rows `rows` (before the first quarter: no agent, payment or
        household refers to a row yet)."""
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name)[rows])

    def extend(self, n: int, **columns) -> np.ndarray:
        """Add `n` firm rows (each column given as n values, or one value for all);
        columns not given are zero. Returns the new rows."""
        start = len(self)
        for f in fields(self):
            column = getattr(self, f.name)
            value = np.broadcast_to(np.asarray(columns.get(f.name, 0), dtype=column.dtype), (n,))
            setattr(self, f.name, np.concatenate([column, value]))
        return np.arange(start, start + n)


MONEY = {"deposits", "debt", "cash"}  # balances only the ledger moves


def _column(table: str, name: str, doc: str) -> property:
    def get(self):
        value = getattr(getattr(self.model, table), name)[self.row]
        return value.item() if isinstance(value, np.generic) else value

    def set_(self, value) -> None:
        if name in MONEY:
            raise AttributeError(f"{name} is money: it moves only through payments "
                                 "(model.ledger.pay)")
        getattr(getattr(self.model, table), name)[self.row] = value

    return property(get, set_, doc=doc)


class Household(mesa.Agent):
    """A household: a thin view on one row of `model.households`.

    `kind`, `origin` and `region` read as names ("urban", "prd"); `trust`, `spending` and
    `durables_ahead` as dicts by category; every other column of HouseholdTable reads
    and writes in place.
    """

    agent_type = "household"  # (firms: "firm"; Mesa's ids are shared by both)

    def __init__(self, model: mesa.Model, row: int) -> None:
        super().__init__(model)
        self.row = row

    @property
    def kind(self) -> str:
        return KINDS[self.model.households.kind[self.row]]

    @property
    def origin(self) -> str:
        return KINDS[self.model.households.origin[self.row]]

    @property
    def region(self) -> str:
        return REGIONS[self.model.households.region[self.row]]

    @property
    def trust(self) -> dict[str, float]:
        return dict(zip(CATEGORIES, self.model.households.trust[self.row].tolist(), strict=True))

    @property
    def spending(self) -> dict[str, float]:
        row = self.model.households.spending[self.row].tolist()
        return dict(zip(CATEGORIES, row, strict=True))

    @property
    def durables_ahead(self) -> dict[str, float]:
        row = self.model.households.durables_ahead[self.row].tolist()
        return dict(zip(CATEGORIES, row, strict=True))

    @property
    def consumption(self) -> float:
        """Consumption spending this quarter, yuan."""
        return float(self.model.households.spending[self.row].sum())

    def __repr__(self) -> str:
        return f"Household({self.unique_id}, {self.kind}, {self.region}, income={self.income:,.0f})"


class Firm(mesa.Agent):
    """A firm: a thin view on one row of `model.firms`; `category` reads as its name."""

    agent_type = "firm"

    def __init__(self, model: mesa.Model, row: int) -> None:
        super().__init__(model)
        self.row = row

    @property
    def category(self) -> str:
        return CATEGORIES[self.model.firms.category[self.row]]

    @property
    def region(self) -> str:
        return REGIONS[self.model.firms.region[self.row]]

    def __repr__(self) -> str:
        return f"Firm({self.unique_id}, {self.category}, quality={self.quality:.2f})"


_SPECIAL = {"kind", "origin", "region", "trust", "spending", "durables_ahead", "category"}
for _f in fields(HouseholdTable):
    if _f.name not in _SPECIAL and not _f.name.startswith("rank_"):
        setattr(Household, _f.name, _column("households", _f.name, f"HouseholdTable.{_f.name}"))
for _f in fields(FirmTable):
    if _f.name not in _SPECIAL:
        setattr(Firm, _f.name, _column("firms", _f.name, f"FirmTable.{_f.name}"))
