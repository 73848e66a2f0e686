"""The outcome columns of MODEL.md section 7, computed from arrays once per quarter.

Flows per person are yuan per person per quarter at 2016 prices. Consumption of each
household kind is deflated category by category with that kind's own price index: the
price it actually paid per quality-adjusted unit (delivered price over 1 +
quality_cost * quality, so better quality is not counted as inflation), relative to
the 2016 status-quo price of such a unit (`reference_prices`). A lower rural delivery
surcharge, cheaper online purchases or a switch to cheaper sellers therefore raise
real consumption, as in the NBS's separate urban and rural price indices. Incomes are
deflated with each kind's implied index.

"Urban" in `urban_rural_ratio` follows the official survey (城镇: everyone living in a
town, migrants included); the per-kind columns keep the model's three kinds apart.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from sim.config.levers import LEVERS
from sim.economy.constants import (
    ABROAD,
    BASIC,
    CATEGORIES,
    FOOD,
    GOODS,
    KINDS,
    MIGRANT,
    N_CATEGORIES,
    ONLINE,
    RURAL,
    URBAN,
)
from sim.economy.kernels import jit
from sim.economy.processes.market import N_HOUSEHOLD_SEGMENTS, Clearing, by_category, segment_rows

if TYPE_CHECKING:
    from sim.economy.model import EconomyModel

CONTRACT_COLUMNS: tuple[str, ...] = (
    "step", "quarter",
    *(f"population_{k}" for k in KINDS),
    "consumption_pc", *(f"consumption_pc_{k}" for k in KINDS),
    "income_pc", *(f"income_pc_{k}" for k in KINDS),
    "consumption_rate", "engel", *(f"engel_{k}" for k in KINDS),
    *(f"share_{c}" for c in CATEGORIES),
    "upgrade_share", "quality_share", "avg_quality", "urban_rural_ratio",
    "migrant_urban_ratio", "online_share", "outbound_share", "debt_to_income",
    "default_rate", "firms", "firm_entries", "firm_exits", "high_quality_firm_share",
    "employment_rate", "gdp", "fiscal_cost", "gov_debt", "ledger_residual",
)
"""The output columns MODEL.md section 7 promises (a contract with users' scripts)."""

GDP_PURPOSES = ("consumption", "public_services", "rural_infrastructure", "inspections",
                "exports", "upgrade_investment", "entry_cost", "import_duties")


def _ratio(a: float, b: float) -> float:
    return float(a / b) if b > 0 else 0.0


def prices_paid(model: EconomyModel, clearing: Clearing) -> np.ndarray:
    """Price per quality-adjusted unit paid by each household kind, by category (3 x 8)."""
    opt = clearing.options
    spent = clearing.spent[:N_HOUSEHOLD_SEGMENTS]
    delivered = opt.price[None, :] * (1.0 + clearing.surcharge[:N_HOUSEHOLD_SEGMENTS])
    units = spent / delivered * (1.0 + model.p.firms.quality_cost * opt.quality)[None, :]
    row_kind = segment_rows()[0]
    out = np.ones((len(KINDS), N_CATEGORIES))
    for k in range(len(KINDS)):
        paid = by_category(spent[row_kind == k], opt.category).sum(axis=0)
        got = by_category(units[row_kind == k], opt.category).sum(axis=0)
        out[k] = np.divide(paid, got, out=np.full(N_CATEGORIES, np.nan), where=got > 0)
    return out


def reference_prices(model: EconomyModel) -> np.ndarray:
    """The 2016 status-quo price of a quality-adjusted unit, by kind and category (3 x 8):
    1 yuan bought in town at the initial markup, plus the 2016 rural delivery surcharge
    on goods bought in a village. The same in every scenario, so real consumption is
    comparable across scenarios."""
    surcharge = LEVERS["rural_logistics.cost_markup"].baseline
    out = np.ones((len(KINDS), N_CATEGORIES))
    out[RURAL] += surcharge * GOODS
    return out


def collect(model: EconomyModel, clearing: Clearing, kind: np.ndarray) -> dict[str, float]:
    """Outcome row of this quarter; `kind` is each household's kind during the quarter."""
    h, f, ledger, scale = model.households, model.firms, model.ledger, model.scale
    persons, income = _by_kind(kind, h.persons, h.income)
    persons, income, nominal_kc = persons * scale, income * scale, clearing.by_kind * scale
    index = np.nan_to_num(prices_paid(model, clearing) / reference_prices(model), nan=1.0)
    model.kind_price_index = index
    real_kc = nominal_kc / index
    cons = nominal_kc.sum(axis=1)
    real = real_kc.sum(axis=1)
    food = nominal_kc[:, FOOD]
    by_cat = nominal_kc.sum(axis=0)
    all_cons = by_cat.sum()
    cpi = _ratio(all_cons, real.sum()) or 1.0

    row: dict[str, float] = {}
    for k, name in enumerate(KINDS):
        row[f"population_{name}"] = persons[k]
    row["consumption_pc"] = _ratio(real.sum(), persons.sum())
    for k, name in enumerate(KINDS):
        row[f"consumption_pc_{name}"] = _ratio(real[k], persons[k])
    row["income_pc"] = _ratio(income.sum() / cpi, persons.sum())
    for k, name in enumerate(KINDS):
        deflator = _ratio(cons[k], real[k]) or 1.0  # the kind's own price index
        row[f"income_pc_{name}"] = _ratio(income[k] / deflator, persons[k])
    row["consumption_rate"] = _ratio(all_cons, income.sum())
    row["engel"] = _ratio(by_cat[FOOD], all_cons)
    for k, name in enumerate(KINDS):
        row[f"engel_{name}"] = _ratio(food[k], cons[k])
    for c, name in enumerate(CATEGORIES):
        row[f"share_{name}"] = _ratio(by_cat[c], all_cons)
    row["upgrade_share"] = _ratio(by_cat[~BASIC].sum(), all_cons)

    opt, hh = clearing.options, clearing.spent[:N_HOUSEHOLD_SEGMENTS].sum(axis=0)
    upper = opt.quality >= model.p.economy.upper_tier
    row["quality_share"] = _ratio(hh[upper].sum(), hh.sum())
    row["avg_quality"] = _ratio((hh * opt.quality).sum(), hh.sum())
    town = persons[URBAN] + persons[MIGRANT]
    row["urban_rural_ratio"] = _ratio(_ratio(real[URBAN] + real[MIGRANT], town),
                                      _ratio(real[RURAL], persons[RURAL]))
    row["migrant_urban_ratio"] = _ratio(_ratio(real[MIGRANT], persons[MIGRANT]),
                                        _ratio(real[URBAN], persons[URBAN]))
    goods = GOODS[opt.category]
    row["online_share"] = _ratio(hh[opt.channel == ONLINE].sum(), hh[goods].sum())
    row["outbound_share"] = _ratio(hh[opt.channel == ABROAD].sum(), hh.sum())
    premium = opt.quality >= model.p.economy.premium_tier
    row["outbound_share_premium"] = _ratio(hh[premium & (opt.channel == ABROAD)].sum(),
                                           hh[premium].sum())

    row["credit_access_share"] = _ratio((h.persons * h.credit_access).sum(), h.persons.sum())
    debt = h.debt.sum() * scale
    row["debt_to_income"] = _ratio(debt, 4.0 * income.sum())
    row["default_rate"] = _ratio(model.written_off, model.debt_at_start)

    alive = f.alive
    row["firms"] = float(alive.sum())
    row["firm_entries"] = float(model.entries)
    row["firm_exits"] = float(model.exits)
    row["high_quality_firm_share"] = _ratio(
        (alive & (f.quality >= model.p.economy.upper_tier)).sum(), alive.sum())
    eff = h.efficiency
    row["employment_rate"] = _ratio(eff[h.employed].sum(), eff.sum())

    gdp = sum(ledger.total(p) for p in GDP_PURPOSES)
    row["gdp"] = gdp
    row["fiscal_cost"] = model.fiscal_cost
    row["gov_debt"] = model.government.debt

    # Further diagnostics (not part of the contract).
    row["cpi"] = cpi
    row["deposits_pc"] = _ratio(h.deposits.sum() * scale / cpi, persons.sum())
    row["trust"] = float(model.mean_trust)
    row["mean_markup"] = float(f.markup[alive].mean()) if alive.any() else 0.0
    for q in (10, 50, 90):  # the distribution of firms' quality (supply response)
        row[f"firm_quality_p{q}"] = (float(np.percentile(f.quality[alive], q))
                                     if alive.any() else 0.0)
    row["upgrades"] = float(model.upgrades)
    row["recalls"] = float(model.recalls)
    row["hukou_conversions"] = float(model.conversions)
    row["rural_surcharge"] = model.government.rural_surcharge
    row["consumer_subsidy"] = model.voucher_spent
    row["producer_subsidy"] = model.producer_subsidy
    row["exports"] = ledger.total("exports")
    return row


@jit
def _by_kind(kind, persons, income):
    """Persons and income summed by kind (households added in row order, as numpy's
    bincount adds them)."""
    persons_k, income_k = np.zeros(len(KINDS)), np.zeros(len(KINDS))
    for i in range(len(kind)):
        persons_k[kind[i]] += persons[i]
        income_k[kind[i]] += income[i]
    return persons_k, income_k
