"""The government: what it buys and pays each quarter, subsidies, and rural
infrastructure (steps 1 and 10 of the quarter).

Subsidies (七（一）): `policy.subsidy.budget` yuan per quarter, a share
`demand_side_share` paid to households as vouchers on the targeted products (a rate
off the price, spent the same quarter) and the rest to the firms making them (a rate on
their sales that lowers their price and the cost of quality upgrades). The rates are
set each quarter from last quarter's base, so the spending tracks the budget; what is
paid is what the ledger records, so `fiscal_cost` is exact.

Rural logistics investment accumulates into a capital stock that lowers the rural
delivery surcharge with a constant elasticity (五（二）; Fan and Zhang 2004 on rural
infrastructure returns).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from sim.economy.constants import CAPACITY_SERVICES, CATEGORIES
from sim.economy.kernels import bincount

if TYPE_CHECKING:
    from sim.economy.model import EconomyModel

class Government:
    """The government's account and fiscal state.

    Attributes:
        account: deposit balance, yuan (negative: debt held by the bank).
        infrastructure: rural logistics capital stock, yuan.
        rural_surcharge: delivered-price surcharge on goods for rural households now.
    """

    def __init__(self, model: EconomyModel) -> None:
        gp = model.p.government
        self.account = -gp.initial_debt
        self.infrastructure = gp.infrastructure_stock
        self.rural_surcharge = model.levers.rural_logistics.cost_markup

    @property
    def debt(self) -> float:
        """Government debt, yuan."""
        return -self.account


def targeted(model: EconomyModel) -> np.ndarray:
    """Firms whose products the subsidy targets (by category, or green-labelled)."""
    f = model.firms
    names = set(model.levers.subsidy.categories)
    by_category = np.isin(f.category, [CATEGORIES.index(c) for c in names if c != "green"])
    return by_category | (f.green & ("green" in names))


def set_rates(model: EconomyModel) -> None:
    """Step 1: this quarter's surcharge, subsidy rates, public and export demand."""
    gp, levers, h, f = model.p.government, model.levers, model.households, model.firms
    g = model.wage_index  # public spending is indexed to wages
    gov = model.government
    gov.rural_surcharge = levers.rural_logistics.cost_markup * (
        gp.infrastructure_stock / gov.infrastructure) ** gp.infrastructure_elasticity

    model.targeted_firm = targeted(model)
    budget = levers.subsidy.budget
    demand_side = budget * levers.subsidy.demand_side_share
    base_households = (model.last_targeted_spending if model.last_targeted_spending > 0
                       else f.revenue[model.targeted_firm & f.alive].sum())
    base_firms = f.revenue[model.targeted_firm & f.alive].sum()
    model.voucher_rate_targeted = (min(gp.max_subsidy_rate, demand_side / base_households)
                                   if base_households > 0 else 0.0)
    model.producer_rate = (min(gp.max_subsidy_rate, (budget - demand_side) / base_firms)
                           if base_firms > 0 else 0.0)
    model.voucher_rate = model.voucher_rate_targeted * model.targeted_share

    # (persons are whole numbers: their sums are exact in any order)
    other_persons, covered_persons = model.scale * bincount(h.covered.view(np.int8), h.persons, 2)
    spend = g * (gp.public_services_pc.covered * covered_persons
                 + gp.public_services_pc.uncovered * other_persons)
    model.public_service_demand = spend * CAPACITY_SERVICES / CAPACITY_SERVICES.sum()
    # Exports grow with the world economy (at the productivity trend) and fall with
    # Guangdong's price level relative to the world's (price elasticity of exports).
    elasticity = model.p.world.export_price_elasticity
    model.export_demand = (model.growth_index * model.wage_level ** (1.0 - elasticity)
                           * model.export_demand_2016)


def run(model: EconomyModel) -> None:
    """Step 10: rural infrastructure, inspections and interest on the debt."""
    gp, f, gov, ledger = model.p.government, model.firms, model.government, model.ledger
    g = model.wage_index
    # Public works and inspections are bought from firms; with none left there is no one
    # to buy them from.
    active = float(f.alive.any())
    infrastructure = active * g * gp.rural_infrastructure
    inspections = g * gp.inspection_cost * model.levers.quality.enforcement * f.alive.sum()
    interest = max(0.0, gov.debt) * model.p.economy.government_bond_rate / 4.0
    for purpose, amount in (("rural_infrastructure", infrastructure),
                            ("inspections", inspections)):
        ledger.pay(purpose, "government", "firms", amount)
        model.distribute(f.cash, f.alive, amount, weights=f.revenue)
    ledger.pay("government_interest", "government", "bank", interest)
    model.bank.interest_income += interest
    gov.account -= infrastructure + inspections + interest
    gov.infrastructure += infrastructure / g  # at 2016 prices
    # Lever spending: subsidies, public services (coverage), logistics and inspections.
    model.fiscal_cost = (model.voucher_spent + model.producer_subsidy + infrastructure
                         + inspections + ledger.total("public_services"))
