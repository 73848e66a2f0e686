"""What the economy carries from one quarter to the next besides the agent tables and
the ledger (`Macro`), what a quarter's processes produced that its outcomes read
(`Quarter`), and what one stage of the quarter hands to a later one (`PolicyInForce`,
`Hiring`, `LivingCosts`, `Budget`, `Planned`, `PublicPurchases`, `Market`)."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from sim.config.levers import Levers
from sim.economy.constants import KINDS, N_CATEGORIES
from sim.economy.goods_market import Clearing
from sim.economy.processes.consumption import Allocation
from sim.economy.processes.coupons import CouponTerms, Redemption
from sim.economy.processes.subsidies import SubsidyRates


@dataclass
class Macro:
    """Aggregate state carried from quarter to quarter. Each field names the stage of
    the quarter that moves it (sim.economy.model; "opening": set once by
    sim.economy.initial and read as a constant of the run).

    Indices:
        growth_index: labour productivity, about 1 in 2016: it grows with the frontiers
            of the categories, weighted by their output (`_labour`,
            sim.economy.processes.technology).
        technology: the output-weighted mean of live firms' embodied technology, log
            (`_capital_goods`): firms' productivity is relative to it.
        national_growth_index: the nation's output per person, 2016 = 1 (an input,
            `china.productivity_growth`; `_open_quarter`): outside demand and the centre's
            transfers grow with it.
        frontier: the log technology each category's new machines embody (`_labour`,
            moved by the embodied part of the category's research-driven advance).
        category_technology: each category's technology, log, the advance of its
            frontier summed from the opening, embodied and disembodied (`_labour`).
        wage_level: nominal wage per efficiency unit beyond productivity, 2016 = 1
            (`_labour`, the wage Phillips curve).
        foreign_price_index: the world price level, 2016 = 1 (`_policy`).
        national_price_index: the national price level, 2016 = 1 (`_policy`).
        expected_inflation: the annual consumer price inflation wage setters expect
            (`_expectations`, sim.economy.processes.expectations).
        cpi_history: the consumer price level of the last five quarters, oldest first
            (`_expectations`).
        category_price_index: quality-adjusted price by category, 2016 = 1 (what
            households cost their subsistence basket at; `_next_quarter`).

    Policy's reach and the subsidy's base:
        rural_surcharge: delivered-price surcharge on goods bought by rural households,
            share of the price (`_policy`, from the logistics stock).
        targeted_spending: households' spending on subsidised products last quarter,
            yuan (the base of this quarter's rebate rate; `_settle`).
        targeted_share: share of each category's household spending on subsidised
            products last quarter (`_settle`).

    Orders from the capital-goods sector and public stocks (ordered by `_government`
    and `_housing`, delivered by `_capital_goods` the next quarter):
        logistics_stock: rural logistics capital, yuan at 2016 prices.
        public_investment_ordered: rural logistics capital the government has on order,
            yuan at 2016 prices.
        facilities_ordered: education, health and care facilities the government has
            on order, yuan at 2016 prices.
        service_facilities: the stock of those facilities built since 2016, yuan at
            2016 prices (sim.economy.processes.facilities).
        works_ordered: public works the government has on order, yuan at 2016 prices
            (they add to no stock the model holds).
        dwellings_ordered: dwellings households have bought off plan and the
            capital-goods sector has still to build, yuan at 2016 prices.
        dwellings_prepaid: what households paid for those dwellings, yuan (the sector
            holds it until it builds them).

    The government's and the bank's rules:
        income_tax_rate: this quarter's personal income tax rate on wages and interest
            (`government.income_tax`, moved by the tax-financing rule in `_government`).
        public_services_scale: the scale of public-service purchases, 1 unless the
            deficit is financed by moving them (`government.spending_financing`;
            `_government`).
        expected_loss_rate: the annual loss rate the bank expects on consumer loans
            (it provisions that share of its loans out of the profits it pays;
            `_credit`).

    Set at the opening (export demand also by the burn-in's closure, `_close_quarter`;
    the other provinces' varieties by the burn-in's, `_trade_closure`):
        export_demand_2016: export demand by category in 2016, yuan per quarter.
        outflow_demand_2016: the other provinces' demand for Guangdong's goods by
            category in 2016, yuan per quarter.
        provinces_price_2016: the other provinces' price of a unit of goods by category
            at a wage level of 1 and no quality, yuan (sim.economy.processes.provinces).
        provinces_log_varieties: the log of the varieties the other provinces offer on
            Guangdong's shelves by category, in market.variety_unit.
        central_transfers_2016: the centre's transfers to the province a quarter at the
            nation's 2016 nominal GDP, yuan (the last burn-in quarter's central taxes:
            `_government`).
        debt_2016: the government's debt at the end of the burn-in, yuan (its quota is
            set on it: `_government`).
        migrants_2016: the households from other provinces (agents of migrant origin,
            settled or not) at the end of the burn-in.
        expected_income_2016: what a migrant expected to earn here relative to home then
            (sim.economy.processes.interprovincial; `_migration`).
        reference_income_pc: median permanent income per person in 2016, yuan per
            quarter (taste for quality rises with income relative to it).
        taste_edges: edges of the taste bins of household segments (2016 quantiles).
        research_reference: the 2016 mean research labour of a firm agent, efficiency
            units (innovation chances are set at it).
        research_2016: research labour by category in 2016, efficiency units (the
            frontier's growth is set at it).
        relative_productivity_2016: firms' productivity relative to the economy's
            technology in 2016 (quality-adjusted output per efficiency unit of
            production labour over the index, at the burn-in's last quarter; the
            measured productivity index, `productivity`, is 1 there).
        real_firms_per_agent: real firms each firm agent stands for.
        overhead_labour: fixed labour of a firm agent, efficiency units.
        providers_capital_2016: capital of the firms of the services the capacity
            lever scales in 2016, yuan at 2016 prices.
    """

    growth_index: float = 1.0
    national_growth_index: float = 1.0
    frontier: np.ndarray = field(default_factory=lambda: np.zeros(N_CATEGORIES))
    technology: float = 0.0
    category_technology: np.ndarray = field(default_factory=lambda: np.zeros(N_CATEGORIES))
    wage_level: float = 1.0
    foreign_price_index: float = 1.0
    national_price_index: float = 1.0
    expected_inflation: float = 0.0
    cpi_history: tuple[float, ...] = ()
    category_price_index: np.ndarray = field(default_factory=lambda: np.ones(N_CATEGORIES))
    rural_surcharge: float = 0.0
    targeted_spending: float = 0.0
    targeted_share: np.ndarray = field(default_factory=lambda: np.zeros(N_CATEGORIES))
    logistics_stock: float = 0.0
    public_investment_ordered: float = 0.0
    facilities_ordered: float = 0.0
    works_ordered: float = 0.0
    service_facilities: float = 0.0
    dwellings_ordered: float = 0.0
    dwellings_prepaid: float = 0.0
    income_tax_rate: float = 0.0
    public_services_scale: float = 1.0
    expected_loss_rate: float = 0.0
    export_demand_2016: np.ndarray = field(default_factory=lambda: np.zeros(N_CATEGORIES))
    outflow_demand_2016: np.ndarray = field(default_factory=lambda: np.zeros(N_CATEGORIES))
    provinces_price_2016: np.ndarray = field(default_factory=lambda: np.ones(N_CATEGORIES))
    provinces_log_varieties: np.ndarray = field(default_factory=lambda: np.zeros(N_CATEGORIES))
    migrants_2016: float = 0.0
    central_transfers_2016: float = 0.0
    debt_2016: float = 0.0
    expected_income_2016: float = 0.0
    reference_income_pc: float = 1.0
    taste_edges: np.ndarray = field(default_factory=lambda: np.zeros(0))
    research_reference: float = 0.0
    research_2016: np.ndarray = field(default_factory=lambda: np.zeros(N_CATEGORIES))
    relative_productivity_2016: float = 0.0
    real_firms_per_agent: float = 1.0
    overhead_labour: float = 0.0
    providers_capital_2016: float = 0.0

    @property
    def wage_index(self) -> float:
        """Nominal wage per efficiency unit relative to 2016: productivity times the wage
        level."""
        return self.growth_index * self.wage_level


@dataclass
class Quarter:
    """What this quarter's processes produced that outcomes and users read, made anew by
    each quarter's `_policy` stage. Each field names the stage that writes it.

    Attributes:
        step: the quarter (0 = the first).
        levers: the levers in force (`_policy`).
        public_services_scale: the scale of public-service purchases this quarter (1 in
            2016; `_policy`).
        capital_price: the price of a unit of capital this quarter, yuan (`_labour`).
        capital_goods_labour: efficiency units the capital-goods sector employed
            (`_labour`).
        research: research labour by category, efficiency units: what moved the
            technology frontiers this quarter (`_labour`).
        depreciation: the capital each firm lost to wear this quarter, units
            (`_capital_goods`).
        capitalised: what each firm paid this quarter for capital goods that add to its
            capital (capacity and set-up), yuan: investment, not a cost of the quarter
            (`_capital_goods`).
        income_tax_rate: the personal income tax rate households paid this quarter
            (`_incomes`).
        coupons: the consumption coupons households held and redeemed this quarter
            (`_buying_ahead`).
        health_shocked: households hit by a major health expense (`_health`).
        clearing: what the goods market did (`_goods_market`).
        spending_by_kind: households' realised spending by kind and category, yuan per
            real household summed over agents (`_settle`).
        recalls, mean_trust: firms caught misdeclaring, and households' mean trust in
            declared domestic quality after the quarter (`_quality`).
        innovations, imitations: firms that adopted one (`_innovation`).
        upgrades, entries, exits, bankruptcies: counts this quarter (`_exit_and_entry`;
            bankruptcies: exits on insolvency).
        kind: each household's kind during the quarter, before hukou conversion, and
            conversions: households that settled (`_hukou`).
        arrivals, departures: migrant households that came from and went back to the
            other provinces (`_migration`).
        kind_price_index: price per quality-adjusted unit each kind paid, relative to
            2016, by category (3 x 8; `_close_quarter`).
        welfare: each household's money-metric consumption, yuan this quarter at the
            opening's choice set (`_welfare`; None in the burn-in).
    """

    step: int
    levers: Levers
    public_services_scale: float = 1.0
    capital_price: float = 1.0
    capital_goods_labour: float = 0.0
    research: np.ndarray = field(default_factory=lambda: np.zeros(N_CATEGORIES))
    depreciation: np.ndarray = field(default_factory=lambda: np.zeros(0))
    capitalised: np.ndarray = field(default_factory=lambda: np.zeros(0))
    income_tax_rate: float = 0.0
    coupons: Redemption | None = None
    health_shocked: np.ndarray | None = None
    clearing: Clearing | None = None
    spending_by_kind: np.ndarray = field(
        default_factory=lambda: np.zeros((len(KINDS), N_CATEGORIES)))
    recalls: int = 0
    mean_trust: float = 0.0
    innovations: int = 0
    imitations: int = 0
    upgrades: int = 0
    entries: int = 0
    exits: int = 0
    bankruptcies: int = 0
    kind: np.ndarray | None = None
    conversions: int = 0
    arrivals: int = 0
    departures: int = 0
    kind_price_index: np.ndarray = field(
        default_factory=lambda: np.ones((len(KINDS), N_CATEGORIES)))
    welfare: np.ndarray | None = None


# ------------------------------------------------------------------ stage to stage
# What one stage of the quarter hands to a later stage of the same quarter
# (sim.economy.model, `EconomyModel._quarter`): each stage returns its record and the
# stages that read it take it as an argument, so the quarter's list of stages shows who
# uses what.


@dataclass(frozen=True)
class PolicyInForce:
    """Step 1: what this quarter's levers set for the steps that follow.

    Attributes:
        targeted: firms whose products the subsidy targets, by firm row.
        rates: the subsidy rates that spend this quarter's budget.
        subsidy_rate: the share of each firm's unit cost the producer subsidy pays (the
            producer rate for targeted firms, 0 for the rest).
        public_demand: the government's purchases by category, yuan (province).
        export_demand: the demand from outside the province (the rest of the world's
            and the other provinces') by category, yuan (province).
        outflow_share: the other provinces' share of it, by category.
    """

    targeted: np.ndarray
    rates: SubsidyRates
    subsidy_rate: np.ndarray
    public_demand: np.ndarray
    export_demand: np.ndarray
    outflow_share: np.ndarray


@dataclass(frozen=True)
class Hiring:
    """Step 2: what the labour market hands on.

    Attributes:
        wage: each household's wage this quarter, yuan.
        firms_share: the share of wages firms pay (the capital-goods sector the rest).
        per_machine: efficiency units of labour that make a unit of capital.
        public_orders: the government's and households' orders from the capital-goods
            sector, units of capital.
    """

    wage: np.ndarray
    firms_share: float
    per_machine: float
    public_orders: float


@dataclass(frozen=True)
class LivingCosts:
    """Step 4: the prices households face this quarter.

    Attributes:
        unit_prices: the price of a yuan-at-2016-prices of each category, by kind
            (kinds x categories), net of rebates, with the rural surcharge.
        basket: the subsistence quantities per person, by category (2016 yuan).
        basic_cost: each household's subsistence cost, yuan.
    """

    unit_prices: np.ndarray
    basket: np.ndarray
    basic_cost: np.ndarray


@dataclass(frozen=True)
class Budget:
    """Step 5: households' consumption budgets and their plans.

    Attributes:
        line_as_buffer: the share of the unused credit line households count as buffer.
        exposure: each household's precautionary exposure (0 covered urban, 1 uncovered
            migrant).
        amount: each household's out-of-pocket consumption budget, yuan.
        rent: the share of its rent each household does not pay (public rental housing).
        plan: planned spending by household and category, yuan.
    """

    line_as_buffer: float
    exposure: np.ndarray
    amount: np.ndarray
    rent: np.ndarray
    plan: Allocation


@dataclass(frozen=True)
class Planned:
    """Step 6: households' plans after goods bought ahead, coupons and rebates.

    Attributes:
        plan: planned spending by household and category, yuan (health costs added in
            step 6 in place).
        coupon_terms: the coupon's design this quarter (the government pays redeemed
            coupons on what the market fills).
    """

    plan: Allocation
    coupon_terms: CouponTerms


@dataclass(frozen=True)
class PublicPurchases:
    """Step 6: the government's purchases with the care its health insurance buys.

    Attributes:
        demand: public purchases by category, yuan (province).
        insured_share: the insurer's share of public purchases of healthcare.
    """

    demand: np.ndarray
    insured_share: float


@dataclass(frozen=True)
class Market:
    """Step 7: what the goods market cleared.

    Attributes:
        clearing: buyers' spending on each option after rationing.
        output: each firm's output this quarter, units (for the goods account).
        sales: each firm's units sold this quarter (for the goods account).
    """

    clearing: Clearing
    output: np.ndarray
    sales: np.ndarray
