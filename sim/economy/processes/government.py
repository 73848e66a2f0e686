"""The government's purchases (steps 1 and 10 of the quarter): public services it buys
for residents and quality inspections (both in the goods market, step 7), rural
logistics investment and education, health and care facilities (七（二）, both ordered
from the capital-goods sector) and interest on its debt;
its share of taxes with the centre and the centre's transfers (step 10); and how it
finances its deficit (step 10): by debt within the quota the centre sets
(`government.debt_limit_headroom` over its 2016 debt, raised with the nation's nominal
GDP), and beyond it by cutting its purchases of public services
(`government.spending_financing`, 1 by default: a province cannot set tax rates, which
are national law, and its budget law requires the general budget to balance, so it cuts
other spending) or, as a counterfactual, by a rise of the personal income tax
(`government.tax_financing`). With both shares 0 the deficit is borrowed whatever the
quota (as if the centre raised it).
Its taxes and transfers are in the incomes, firms and market steps; subsidies in
sim.economy.processes.subsidies.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sim.config.parameters import Government
from sim.economy.agents import HouseholdTable
from sim.economy.constants import CAPACITY_SERVICES, CATEGORY_INDEX, N_CATEGORIES
from sim.economy.kernels import bincount


def public_service_demand(*, h: HouseholdTable, gp: Government, wage_index: float, scale: float,
                          services_scale: float = 1.0) -> np.ndarray:
    """Public purchases of education and health services by category this quarter, yuan
    (province): a sum per covered and per uncovered person, indexed to wages and scaled
    by `services_scale` (1 unless the budget is balanced by cutting them,
    `public_services_scale`), split evenly over the categories whose capacity the
    services lever scales."""
    # (persons are whole numbers: their sums are exact in any order)
    other_persons, covered_persons = scale * bincount(h.covered.view(np.int8), h.persons, 2)
    spend = services_scale * wage_index * (gp.public_services_pc.covered * covered_persons
                                           + gp.public_services_pc.uncovered * other_persons)
    return spend * CAPACITY_SERVICES / CAPACITY_SERVICES.sum()


# Inspection, testing and certification services (检验检测) are bought from the firms of
# the "other" category (其他用品和服务), at which no other public purchase is aimed.
INSPECTIONS = CATEGORY_INDEX["other"]


def inspection_demand(*, gp: Government, enforcement: float, live_firms: int, wage_index: float,
                      real_firms_per_agent: float) -> np.ndarray:
    """Public purchases of inspections by category this quarter, yuan (province):
    `inspection_cost` per real firm at enforcement 1 (四（二）), indexed to wages, each of
    the `live_firms` agents standing for `real_firms_per_agent` real firms."""
    out = np.zeros(N_CATEGORIES)
    out[INSPECTIONS] = (wage_index * gp.inspection_cost * enforcement * live_firms
                        * real_firms_per_agent)
    return out


def income_tax_rate(*, rate: float, deficit: float, budget: float, taxed: float, share: float,
                    quarters: float) -> float:
    """Next quarter's personal income tax rate: `share` of the excess of this quarter's
    primary `deficit` over the `budget` (the room within the quota), yuan, spread over
    `quarters` (the quarterly deficit is noisy), closed by the rate on this quarter's
    `taxed` wages and interest, yuan; within [0, 1]. Within the budget the rate stays.
    With `share` 0 the rate stays and deficits add to the debt."""
    if share == 0.0 or taxed <= 0.0:
        return rate
    gap = max(0.0, deficit - budget) / (quarters * taxed)
    return min(1.0, max(0.0, rate + share * gap))


def public_services_scale(*, scale: float, deficit: float, budget: float, outlay: float,
                          share: float, quarters: float) -> float:
    """Next quarter's scale of public-service purchases (1 in 2016): `share` of the
    excess of this quarter's primary `deficit` over the `budget` (the room within the
    quota), yuan, spread over `quarters`, closed by cutting this quarter's public-service
    `outlay` at scale `scale`; within the budget, the scale returns towards 1 as fast as
    the room allows; at least 0. Like the tax rule it acts in the baseline and a scenario
    alike, so a programme's difference from the baseline is paid for by borrowing within
    the quota, then by spending less on other public services. With `share` 0 the scale
    stays."""
    if share == 0.0 or outlay <= 0.0:
        return scale
    gap = (deficit - budget) / (quarters * outlay / scale)
    if gap <= 0.0:  # (room left: restore what was cut, never beyond 1)
        return scale if scale >= 1.0 else min(1.0, scale - share * gap)
    return max(0.0, scale - share * gap)


@dataclass
class Spending:
    """The government's spending of step 10, yuan."""

    rural_infrastructure: float
    service_facilities: float
    public_works: float
    interest: float


def spending(*, logistics_investment: float, facilities_investment: float, works: float,
             live_firms: int, debt: float, bond_rate: float, wage_index: float) -> Spending:
    """The levers' rural `logistics_investment` (`rural_logistics.investment`),
    `facilities_investment` (`services.investment`) and public `works`
    (`public.works`), yuan per quarter at 2016 wages, all indexed to wages and none when
    no firm is left to use them, and interest on the debt (`bond_rate` a year)."""
    active = float(live_firms > 0)
    return Spending(
        rural_infrastructure=active * wage_index * logistics_investment,
        service_facilities=active * wage_index * facilities_investment,
        public_works=active * wage_index * works,
        interest=max(0.0, debt) * bond_rate / 4.0,
    )


# The taxes the centre shares, by the payment that collects them, and the share of the
# `government` parameters that names the centre's part.
SHARED_TAXES: dict[str, str] = {
    "production_tax": "central_share_production_tax",
    "capital_goods_tax": "central_share_production_tax",
    "income_tax": "central_share_income_tax",
    "dividend_tax": "central_share_income_tax",
    "capital_goods_dividend_tax": "central_share_income_tax",
    "import_duties": "central_share_import_duties",
}


def central_taxes(*, collected: dict[str, float], gp: Government) -> float:
    """The centre's share of the taxes collected in Guangdong this quarter, yuan:
    `collected` by payment purpose (SHARED_TAXES), each times its central share (tax
    sharing, 分税制: VAT 50% from May 2016, enterprise and personal income tax 60%,
    customs duties and import VAT 100%)."""
    return float(sum(collected.get(purpose, 0.0) * getattr(gp, share)
                     for purpose, share in SHARED_TAXES.items()))


def debt_quota(*, debt_2016: float, headroom: float, trend: float) -> float:
    """The province's debt quota this quarter, yuan: its 2016 debt times the quota's
    `headroom` over it (limit over balance), raised with the nation's nominal GDP
    (`trend`, 2016 = 1): the centre sets each province's quota (限额管理) and raises it
    with the economy."""
    return headroom * debt_2016 * trend


def borrowing_room(*, quota: float, debt: float, interest: float) -> float:
    """The primary deficit the province may run this quarter within its quota, yuan:
    what takes its debt (after this quarter's `interest`) to the `quota`."""
    return quota - debt - interest


# Weight of each burn-in quarter's finding in the transfers (the quarterly deficit is
# noisy: about 2% of GDP between quarters).
TRANSFERS_WEIGHT = 0.25


def transfers_closing(*, level: float, deficit: float, debt: float, interest: float,
                      growth: float, trend: float, first: bool) -> float:
    """The centre's transfers at the nation's 2016 nominal GDP, yuan a quarter, as the
    burn-in sets them: what takes this quarter's primary `deficit` (after the central
    taxes, before the transfers) to the one that grows the `debt` (at the start of the
    quarter) with the nation's nominal `growth` after `interest` (the quota's path),
    over `trend` (the nation's nominal GDP, 2016 = 1); averaged over the burn-in's
    quarters (TRANSFERS_WEIGHT), the first taken whole. They stand for the centre's tax
    rebates and transfers and for the province's revenues the model holds nowhere (land
    sales, government funds): Guangdong is a net contributor to the centre, but the
    model's government collects only part of what Guangdong's governments collect."""
    needed = max(0.0, deficit - (growth * debt - interest)) / trend
    return needed if first else (1.0 - TRANSFERS_WEIGHT) * level + TRANSFERS_WEIGHT * needed
