"""The government's purchases (steps 1 and 10 of the quarter): public services it buys
for residents, rural logistics investment, quality inspections and interest on its
debt. Its taxes and transfers are in the incomes, firms and market steps; subsidies in
sim.economy.processes.subsidies.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sim.config.parameters import Government
from sim.economy.agents import HouseholdTable
from sim.economy.constants import CAPACITY_SERVICES
from sim.economy.kernels import bincount


def public_service_demand(h: HouseholdTable, gp: Government, wage_index: float,
                          scale: float) -> np.ndarray:
    """Public purchases of education and health services by category this quarter, yuan
    (province): a sum per covered and per uncovered person, indexed to wages, split
    evenly over the categories whose capacity the services lever scales."""
    # (persons are whole numbers: their sums are exact in any order)
    other_persons, covered_persons = scale * bincount(h.covered.view(np.int8), h.persons, 2)
    spend = wage_index * (gp.public_services_pc.covered * covered_persons
                          + gp.public_services_pc.uncovered * other_persons)
    return spend * CAPACITY_SERVICES / CAPACITY_SERVICES.sum()


@dataclass
class Spending:
    """The government's spending of step 10, yuan."""

    rural_infrastructure: float
    inspections: float
    interest: float


def spending(gp: Government, enforcement: float, live_firms: int, debt: float,
             bond_rate: float, wage_index: float, real_firms_per_agent: float = 1.0) -> Spending:
    """Rural logistics investment and inspections (indexed to wages; bought from firms,
    so none when no firm is left; inspections cost `inspection_cost` per real firm, each
    of the `live_firms` agents standing for `real_firms_per_agent`) and interest on the
    debt (`bond_rate` a year)."""
    active = float(live_firms > 0)
    return Spending(
        rural_infrastructure=active * wage_index * gp.rural_infrastructure,
        inspections=(wage_index * gp.inspection_cost * enforcement * live_firms
                     * real_firms_per_agent),
        interest=max(0.0, debt) * bond_rate / 4.0,
    )
