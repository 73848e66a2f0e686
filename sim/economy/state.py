"""What the economy carries from one quarter to the next besides the agent tables and
the ledger (`Macro`), and what a quarter's processes produced that its outcomes read
(`Quarter`)."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from sim.config.levers import Levers
from sim.economy.constants import KINDS, N_CATEGORIES
from sim.economy.goods_market import Clearing
from sim.economy.processes.coupons import Redemption


@dataclass
class Macro:
    """Aggregate state carried from quarter to quarter.

    Attributes:
        growth_index: labour productivity, 2016 = 1.
        wage_level: nominal wage per efficiency unit beyond productivity, 2016 = 1.
        foreign_price_index: the world price level, 2016 = 1.
        category_price_index: quality-adjusted price by category, 2016 = 1 (what
            households cost their subsistence basket at).
        logistics_stock: rural logistics capital, yuan at 2016 prices.
        rural_surcharge: delivered-price surcharge on goods bought by rural households,
            share of the price.
        targeted_spending: households' spending on subsidised products last quarter,
            yuan (the base of this quarter's rebate rate).
        targeted_share: share of each category's household spending on subsidised
            products last quarter.
        last_rebate_by_category: last quarter's rebate rate spread over each category's
            spending (a rise pulls purchases forward, sim.economy.processes.durables).
        export_demand_2016: export demand by category in 2016, yuan per quarter.
        reference_income_pc: median permanent income per person in 2016, yuan per
            quarter (taste for quality rises with income relative to it).
        taste_edges: edges of the taste bins of household segments (2016 quantiles).
        research_reference: the 2016 mean research labour of a firm agent, efficiency
            units (innovation chances are set at it).
        real_firms_per_agent: real firms each firm agent stands for.
        overhead_labour: fixed labour of a firm agent, efficiency units.
        public_investment_ordered: rural logistics capital the government has on order
            from the capital-goods sector, yuan at 2016 prices (delivered next quarter).
        facilities_ordered: education, health and care facilities the government has
            on order from the capital-goods sector, yuan at 2016 prices.
        service_facilities: the stock of those facilities built since 2016, yuan at
            2016 prices (sim.economy.processes.facilities).
        dwellings_ordered: dwellings households have bought off plan and the
            capital-goods sector has still to build, yuan at 2016 prices.
        dwellings_prepaid: what households paid for those dwellings, yuan (the sector
            holds it until it builds them).
        providers_capital_2016: capital of the firms of the services the capacity
            lever scales in 2016, yuan at 2016 prices.
        income_tax_rate: this quarter's personal income tax rate on wages and interest
            (`government.income_tax`, moved by the tax-financing rule).
        expected_loss_rate: the annual loss rate the bank expects on consumer loans
            (it provisions that share of its loans out of the profits it pays).
        public_services_scale: the scale of public-service purchases, 1 unless the
            deficit is financed by moving them (`government.spending_financing`).
    """

    growth_index: float = 1.0
    wage_level: float = 1.0
    foreign_price_index: float = 1.0
    category_price_index: np.ndarray = field(default_factory=lambda: np.ones(N_CATEGORIES))
    logistics_stock: float = 0.0
    rural_surcharge: float = 0.0
    targeted_spending: float = 0.0
    targeted_share: np.ndarray = field(default_factory=lambda: np.zeros(N_CATEGORIES))
    last_rebate_by_category: np.ndarray = field(default_factory=lambda: np.zeros(N_CATEGORIES))
    export_demand_2016: np.ndarray = field(default_factory=lambda: np.zeros(N_CATEGORIES))
    reference_income_pc: float = 1.0
    taste_edges: np.ndarray = field(default_factory=lambda: np.zeros(0))
    research_reference: float = 0.0
    real_firms_per_agent: float = 1.0
    overhead_labour: float = 0.0
    public_investment_ordered: float = 0.0
    expected_loss_rate: float = 0.0
    public_services_scale: float = 1.0
    facilities_ordered: float = 0.0
    service_facilities: float = 0.0
    providers_capital_2016: float = 0.0
    dwellings_ordered: float = 0.0
    dwellings_prepaid: float = 0.0
    income_tax_rate: float = 0.0

    @property
    def wage_index(self) -> float:
        """Nominal wage per efficiency unit relative to 2016: productivity times the wage
        level."""
        return self.growth_index * self.wage_level


@dataclass
class Quarter:
    """What this quarter's processes produced that outcomes and users read.

    Attributes:
        step: the quarter (0 = the first).
        levers: the levers in force.
        kind: each household's kind during the quarter (before hukou conversion).
        clearing: what the goods market did.
        spending_by_kind: households' realised spending by kind and category, yuan per
            real household summed over agents.
        kind_price_index: price per quality-adjusted unit each kind paid, relative to
            2016, by category (3 x 8).
        health_shocked: households hit by a major health expense.
        mean_trust: households' mean trust in declared domestic quality.
        upgrades, innovations, imitations, recalls, entries, exits, bankruptcies,
            conversions: counts this quarter (bankruptcies: exits on insolvency).
        capitalised: what each firm paid this quarter for capital goods that add to its
            capital (capacity and set-up), yuan: investment, not a cost of the quarter.
        capital_price: the price of a unit of capital this quarter, yuan.
        depreciation: the capital each firm lost to wear this quarter, units.
        capital_goods_labour: efficiency units the capital-goods sector employed.
        income_tax_rate: the personal income tax rate households paid this quarter.
        public_services_scale: the scale of public-service purchases this quarter (1 in
            2016).
        coupons: the consumption coupons households held and redeemed this quarter.
    """

    step: int
    levers: Levers
    kind: np.ndarray | None = None
    clearing: Clearing | None = None
    spending_by_kind: np.ndarray = field(
        default_factory=lambda: np.zeros((len(KINDS), N_CATEGORIES)))
    kind_price_index: np.ndarray = field(
        default_factory=lambda: np.ones((len(KINDS), N_CATEGORIES)))
    health_shocked: np.ndarray | None = None
    mean_trust: float = 0.0
    upgrades: int = 0
    innovations: int = 0
    imitations: int = 0
    recalls: int = 0
    entries: int = 0
    exits: int = 0
    bankruptcies: int = 0
    conversions: int = 0
    capitalised: np.ndarray = field(default_factory=lambda: np.zeros(0))
    capital_price: float = 1.0
    depreciation: np.ndarray = field(default_factory=lambda: np.zeros(0))
    capital_goods_labour: float = 0.0
    income_tax_rate: float = 0.0
    public_services_scale: float = 1.0
    coupons: Redemption | None = None
