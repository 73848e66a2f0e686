"""The government's purchases (steps 1 and 10 of the quarter): public services it buys
for residents and quality inspections (both in the goods market, step 7), rural
logistics investment and education, health and care facilities (七（二）, both ordered
from the capital-goods sector) and interest on its debt;
and how it finances its deficit (step 10): by debt, by a rise of the personal income
tax that holds the primary deficit at `government.primary_deficit_target` of GDP
(`government.tax_financing`), or within the budget, by cutting its purchases of public
services (`government.spending_financing`).
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
    """Next quarter's personal income tax rate: `share` of the gap between this quarter's
    primary `deficit` and the `budget` (the target share of this quarter's GDP), yuan,
    spread over `quarters` (the quarterly deficit is noisy), closed by the rate on this
    quarter's `taxed` wages and interest, yuan; within [0, 1]. With `share` 0 the rate
    stays and deficits add to the debt."""
    if share == 0.0 or taxed <= 0.0:
        return rate
    gap = (deficit - budget) / (quarters * taxed)
    return min(1.0, max(0.0, rate + share * gap))


def public_services_scale(*, scale: float, deficit: float, budget: float, outlay: float,
                          share: float, quarters: float) -> float:
    """Next quarter's scale of public-service purchases (1 in 2016): `share` of the gap
    between this quarter's primary `deficit` and the `budget`, yuan, spread over
    `quarters`, closed by cutting (or, below the budget, raising) this quarter's
    public-service `outlay` at scale `scale`; at least 0. Like the tax rule it acts in the
    baseline and a scenario alike, so a programme's difference from the baseline is paid
    for by spending less on other public services. With `share` 0 the scale stays."""
    if share == 0.0 or outlay <= 0.0:
        return scale
    gap = (deficit - budget) / (quarters * outlay / scale)
    return max(0.0, scale - share * gap)


@dataclass
class Spending:
    """The government's spending of step 10, yuan."""

    rural_infrastructure: float
    service_facilities: float
    interest: float


def spending(*, logistics_investment: float, facilities_investment: float, live_firms: int,
             debt: float, bond_rate: float, wage_index: float) -> Spending:
    """The levers' rural `logistics_investment` (`rural_logistics.investment`) and
    `facilities_investment` (`services.investment`), yuan per quarter at 2016 wages, both
    indexed to wages and none when no firm is left to use them, and interest on the debt
    (`bond_rate` a year)."""
    active = float(live_firms > 0)
    return Spending(
        rural_infrastructure=active * wage_index * logistics_investment,
        service_facilities=active * wage_index * facilities_investment,
        interest=max(0.0, debt) * bond_rate / 4.0,
    )
