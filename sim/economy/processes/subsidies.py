"""Step 1 of the quarter, subsidies (七（一）): which products the subsidy targets and the
rates that spend its budget.

`policy.subsidy.budget` yuan per quarter, a share `demand_side_share` for households in
the programme of `policy.subsidy.design` and the rest to the firms making the targeted
products. Households get threshold coupons (sim.economy.processes.coupons), rebates (a
rate off the price of targeted products, which pay for purchases households plan anyway
and pull purchases forward before they fall: sim.economy.processes.durables) or cash,
equal per resident. Firms get a rate of their unit cost of production for sales at home
(not exports, 七（一）'s aim being domestic consumption), of their researchers' wages and
of the cost of their quality upgrades. A maker prices at its markup over its unit cost net of the
subsidy on its home share of sales, so what reaches the price is set by its own
pricing rule (sim.economy.rules.producer_price_factor; its markup then moves with its
market share, sim.economy.processes.pricing), not by an assumed pass-through. The rates
are set each quarter from last quarter's base, so the spending tracks the budget; what
is paid is what the ledger records, so the fiscal cost is exact. Neither rate exceeds
`government.max_subsidy_rate`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from sim.config.levers import Levers
from sim.economy.agents import FirmTable
from sim.economy.constants import CATEGORIES


@dataclass
class SubsidyRates:
    """This quarter's subsidy rates.

    Attributes:
        rebate: share of the price of a targeted product that rebates pay (0 unless
            the design is rebate).
        rebate_by_category: the rebate rate spread over each category's spending
            (last quarter's share of targeted products times `rebate`).
        rebate_next_by_category: the rate by category households expect next quarter:
            this quarter's scaled by the announced change of the rebate budget (a
            programme's end is announced, so it is 0 in the last quarter of one).
        producer: share of a targeted maker's unit cost of its sales at home that the
            government pays.
    """

    rebate: float
    rebate_by_category: np.ndarray
    producer: float
    rebate_next_by_category: np.ndarray


def targeted(*, f: FirmTable, categories: Sequence[str]) -> np.ndarray:
    """Firms whose products the subsidy targets (by category, or green-labelled)."""
    names = set(categories)
    by_category = np.isin(f.category, [CATEGORIES.index(c) for c in names if c != "green"])
    return by_category | (f.green & ("green" in names))


def households_budget(levers: Levers) -> float:
    """The demand-side part of the subsidy budget, yuan this quarter (province)."""
    return levers.subsidy.budget * levers.subsidy.demand_side_share


def eligible_categories(categories: Sequence[str]) -> np.ndarray:
    """The categories a coupon applies to (8 booleans)."""
    return np.isin(np.arange(len(CATEGORIES)),
                   [CATEGORIES.index(c) for c in categories if c != "green"])


def coupons_issued(levers: Levers) -> float:
    """Coupons issued this quarter (province): the demand-side budget over the face
    value, if the design is coupons."""
    if levers.subsidy.design != "coupon":
        return 0.0
    return households_budget(levers) / levers.subsidy.coupon_face_value


def cash_per_person(*, levers: Levers, residents: float) -> float:
    """The cash transfer per resident this quarter, yuan, if the design is cash
    (`residents`: the province's population)."""
    if levers.subsidy.design != "cash" or residents <= 0.0:
        return 0.0
    return households_budget(levers) / residents


def rebate_budget(levers: Levers) -> float:
    """The budget paid as rebates this quarter, yuan (province): 0 unless the design is
    rebate."""
    return households_budget(levers) if levers.subsidy.design == "rebate" else 0.0


def rates(*, levers: Levers, following: Levers, f: FirmTable, is_targeted: np.ndarray,
          targeted_spending: float, targeted_share: np.ndarray, cap: float) -> SubsidyRates:
    """The rates that spend the budget on last quarter's base: households' spending on
    targeted products (`targeted_spending`, yuan; before any, the makers' revenue) for
    rebates, the unit cost of the makers' sales at home for producer subsidies; and the
    rebate expected next quarter, under the levers announced for it (`following`)."""
    budget = levers.subsidy.budget
    demand_side = households_budget(levers)
    rebates = rebate_budget(levers)
    makers = is_targeted & f.alive
    base_firms = float((f.revenue * (1.0 - f.export_share) / (1.0 + f.markup))[makers].sum())
    base_households = targeted_spending if targeted_spending > 0 else base_firms
    rebate, producer = _rate(rebates, base_households, cap), _rate(
        budget - demand_side, base_firms, cap)
    by_category = rebate * targeted_share
    scale = rebate_budget(following) / rebates if rebates > 0.0 else 0.0
    return SubsidyRates(rebate, by_category, producer, by_category * scale)



def _rate(spend: float, base: float, cap: float) -> float:
    """`spend` over `base`, at most `cap` (0 without a base)."""
    if base <= 0.0:
        return 0.0
    return cap if spend >= cap * base else float(spend / base)
