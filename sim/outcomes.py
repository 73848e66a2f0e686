"""The outcome columns of MODEL.md section 7, computed from arrays once per quarter.

Flows per person are yuan per person per quarter at 2016 prices (deflated by the
quality-adjusted consumer price index). "Urban" in `urban_rural_ratio` follows the
official survey (城镇: everyone living in a town, migrants included); the per-kind
columns keep the model's three kinds apart.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from .constants import (
    ABROAD,
    BASIC,
    CATEGORIES,
    FOOD,
    GOODS,
    KINDS,
    MIGRANT,
    ONLINE,
    RURAL,
    URBAN,
)
from .market import N_HOUSEHOLD_SEGMENTS, Clearing

if TYPE_CHECKING:
    from .model import EconomyModel

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


def collect(model: EconomyModel, clearing: Clearing, kind: np.ndarray) -> dict[str, float]:
    """Outcome row of this quarter; `kind` is each household's kind during the quarter."""
    h, f, ledger, scale = model.households, model.firms, model.ledger, model.scale
    cpi = model.cpi
    spending = h.spending
    total = spending.sum(axis=1)
    persons = np.bincount(kind, weights=h.persons, minlength=3) * scale
    cons = np.bincount(kind, weights=total, minlength=3) * scale
    food = np.bincount(kind, weights=spending[:, FOOD], minlength=3) * scale
    income = np.bincount(kind, weights=h.income, minlength=3) * scale
    by_cat = spending.sum(axis=0) * scale
    all_cons = by_cat.sum()

    row: dict[str, float] = {}
    for k, name in enumerate(KINDS):
        row[f"population_{name}"] = persons[k]
    row["consumption_pc"] = _ratio(all_cons / cpi, persons.sum())
    for k, name in enumerate(KINDS):
        row[f"consumption_pc_{name}"] = _ratio(cons[k] / cpi, persons[k])
    row["income_pc"] = _ratio(income.sum() / cpi, persons.sum())
    for k, name in enumerate(KINDS):
        row[f"income_pc_{name}"] = _ratio(income[k] / cpi, persons[k])
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
    row["urban_rural_ratio"] = _ratio(_ratio(cons[URBAN] + cons[MIGRANT], town),
                                      _ratio(cons[RURAL], persons[RURAL]))
    row["migrant_urban_ratio"] = _ratio(_ratio(cons[MIGRANT], persons[MIGRANT]),
                                        _ratio(cons[URBAN], persons[URBAN]))
    goods = GOODS[opt.category]
    row["online_share"] = _ratio(hh[opt.channel == ONLINE].sum(), hh[goods].sum())
    row["outbound_share"] = _ratio(hh[opt.channel == ABROAD].sum(), hh.sum())

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
    row["trust"] = float(h.trust.mean())
    row["mean_markup"] = float(f.markup[alive].mean()) if alive.any() else 0.0
    row["upgrades"] = float(model.upgrades)
    row["recalls"] = float(model.recalls)
    row["hukou_conversions"] = float(model.conversions)
    row["rural_surcharge"] = model.government.rural_surcharge
    row["consumer_subsidy"] = model.voucher_spent
    row["producer_subsidy"] = model.producer_subsidy
    row["exports"] = ledger.total("exports")
    return row
