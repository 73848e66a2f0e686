"""The 2016 starting point (docs/model.md, "The initial economy"): expected incomes,
buffers and debt, firms' expected demand and capital, the capital goods on order,
the dwellings households bought off plan, export demand that employs the labour force at
the initial unemployment rate, and the bank's balance sheet. These are opening
stocks, set here once before the first quarter; from then on only payments move money
(sim.economy.ledger).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from types import SimpleNamespace

import numpy as np

from sim.config.levers import Levers
from sim.config.parameters import Capital, Firms, Households
from sim.economy.agents import FirmTable, HouseholdTable
from sim.economy.constants import (
    CAPACITY_SERVICES,
    CATEGORIES,
    EXPORTED,
    GOODS,
    HEALTHCARE,
    N_CATEGORIES,
    NEVER,
)
from sim.economy.goods_market import EXPORT_ROW, N_TASTE_BINS, Clearing, Options, firm_totals
from sim.economy.ledger import Ledger
from sim.economy.processes import (
    capital_goods,
    choice,
    consumption,
    credit,
    entry_exit,
    government,
    health,
    housing,
    incomes,
    innovation,
    investment,
    labour,
    policy,
    prices,
    pricing,
    production,
    provinces,
    subsidies,
    technology,
    world,
)
from sim.economy.rules import unit_price
from sim.economy.state import Macro

SELECTION_ROUNDS = 6  # solves of the 2016 market while loss-making firms are dropped


@dataclass(frozen=True)
class Opening:
    """The economy whose opening stocks `initialise` sets.

    Attributes:
        households, firms: the agent tables as drawn (sim.economy.population).
        p: the run's parameters.
        levers: the levers of 2016 (the status quo).
        scale: the real households each household agent stands for.
        macro: the aggregate state, at the indices of the burn-in's first quarter.
        rng: the initial state's random stream of a process (rng("labour")).
    """

    households: HouseholdTable
    firms: FirmTable
    p: SimpleNamespace
    levers: Levers
    scale: float
    macro: Macro
    rng: Callable[[str], np.random.Generator]


def initialise(*, economy: Opening, ledger: Ledger) -> float:
    """Set the opening stocks of the `economy`'s tables and macro state and of the
    `ledger`, `economy.burn_in_quarters` before 2016Q1, in the order below. Returns the
    equity the bank keeps, yuan."""
    earnings = _permanent_income(economy)
    buffers = _buffers(economy, earnings)
    demand = _desired_demand(economy, earnings, buffers)
    _drop_small_sellers(economy, demand)
    closure = _labour_force(economy, demand)
    sales = _select_firms(economy, demand, closure)
    _firm_stocks(economy, sales, closure)
    _initial_hiring(economy, closure)
    return _balance_sheet(economy, ledger)


@dataclass(frozen=True)
class _Earnings:
    wage: np.ndarray  # each household's wage at the initial employment rate, yuan
    dividends: float  # firms' dividends after tax, yuan (province)


def _permanent_income(o: Opening) -> _Earnings:
    """Permanent income: wages at the initial employment rate, transfers and dividends
    (the economy opens at `macro`'s indices, before 2016: productivity, the wage level
    and the wage per efficiency unit); then credit limits follow it."""
    h, f, p, macro, scale = o.households, o.firms, o.p, o.macro, o.scale
    hp, fp, gp = p.households, p.firms, p.government
    wage_index0 = macro.wage_index
    _reach(h, o.levers, hp)
    wage = (1.0 - p.economy.initial_unemployment) * wage_index0 * h.efficiency
    transfer = incomes.transfer_per_person(h=h, hp=hp) * h.persons * wage_index0
    net_wage = wage * (1.0 - gp.income_tax - gp.social_contribution * h.covered)
    dividends = (float(f.markup.mean()) * scale * wage.sum() * fp.payout
                 * (1.0 - fp.dividend_tax))
    h.permanent_income = net_wage + transfer + dividends / scale * h.owner_weight
    macro.reference_income_pc = float(np.median(h.permanent_income / h.persons))
    _reach(h, o.levers, hp)  # credit limits follow permanent income
    return _Earnings(wage=wage, dividends=dividends)


@dataclass(frozen=True)
class _Buffers:
    line_as_buffer: float  # share of the unused credit line counted as buffer
    exposure: np.ndarray  # each household's precautionary exposure
    opening: np.ndarray  # each household's deposits at the start of the quarter, yuan


def _buffers(o: Opening, earnings: _Earnings) -> _Buffers:
    """Debt and deposits around each household's target buffer at the moment it sets
    its budget, after the quarter's income has come in (the buffer rule's resting point;
    sim.economy.processes.consumption); it opens the quarter without that income (firms'
    dividends come after the budget). Until the budget is set, deposits are at it."""
    h, p = o.households, o.p
    hp = p.households
    before_budget = h.permanent_income - earnings.dividends / o.scale * h.owner_weight
    draw = o.rng("endowment")
    h.debt = np.where(h.credit_access,
                      p.bank.initial_debt_share * h.credit_limit * draw.random(len(h)), 0.0)
    s = hp.initial_deposit_dispersion
    line_as_buffer = credit.line_as_buffer(annual_rate=o.levers.credit.interest_rate,
                                           share_at_reference=hp.credit_buffer_offset, bp=p.bank)
    exposure = consumption.uninsured_exposure(h=h, hp=hp,
                                              replacement=p.labour.unemployment_replacement)
    target = consumption.target_buffer(h=h, hp=hp, line_as_buffer=line_as_buffer,
                                       exposure=exposure)
    at_budget = np.maximum(0.0, target + h.debt) * np.exp(s * draw.standard_normal(len(h))
                                                          - s**2 / 2)
    opening = np.maximum(0.0, at_budget - before_budget)
    h.deposits = opening + before_budget  # (at the budget: a buffer below the income
    # that has just come in is not a resting point)
    return _Buffers(line_as_buffer=line_as_buffer, exposure=exposure, opening=opening)


@dataclass(frozen=True)
class _Demand:
    taste: np.ndarray  # each household's taste for quality
    plan: consumption.Allocation  # households' desired spending, health costs included
    public: np.ndarray  # public purchases by category, yuan (province)
    homes: float  # the dwellings households bought off plan, yuan (province)


def _desired_demand(o: Opening, earnings: _Earnings, buffers: _Buffers) -> _Demand:
    """Firms expect 2016 demand from households' desired spending (health costs
    included) and public services; households bought last quarter's dwellings off plan
    (the capital-goods sector holds what they paid and builds them in the first
    quarter); deposits then open the quarter."""
    h, f, p, macro, scale = o.households, o.firms, o.p, o.macro, o.scale
    hp, gp = p.households, p.government
    taste = choice.household_taste(h=h, reference_income_pc=macro.reference_income_pc,
                                   income_elasticity=hp.quality_taste_income_elasticity)
    macro.taste_edges = np.quantile(taste, np.arange(1, N_TASTE_BINS) / N_TASTE_BINS)
    unit_prices = prices.household_prices(category_index=macro.category_price_index,
                                          rebate_by_category=np.zeros(len(CATEGORIES)),
                                          rural_surcharge=macro.rural_surcharge)
    basket = prices.basket(hp.subsistence)
    basic_cost = prices.subsistence_cost(kind=h.kind, persons=h.persons, prices=unit_prices,
                                         quantities=basket)
    saving = dict(hp=hp, line_as_buffer=buffers.line_as_buffer, exposure=buffers.exposure,
                  pension_accrual=gp.pension_contribution * earnings.wage * h.covered)
    budget = consumption.budget(h=h, basic_cost=basic_cost, **saving)
    plan = consumption.allocate(h=h, budget=budget, need_per_person=unit_prices * basket, hp=hp,
                                rebate_by_category=np.zeros(len(CATEGORIES)))
    homes = scale * float(housing.planned(h=h, **saving).sum())
    macro.dwellings_prepaid = homes
    macro.dwellings_ordered = homes / capital_goods.price(macro.wage_level)
    plan.planned[:, HEALTHCARE] += health.expected_cost(h=h, hp=hp)
    h.deposits = buffers.opening
    public = (government.public_service_demand(h=h, gp=gp, wage_index=macro.wage_index, scale=scale)
              + government.inspection_demand(gp=gp, enforcement=o.levers.quality.enforcement,
                                             live_firms=len(f), wage_index=macro.wage_index,
                                             real_firms_per_agent=macro.real_firms_per_agent))
    public[HEALTHCARE] += scale * float(health.expected_insured_cost(h=h, hp=hp).sum())
    return _Demand(taste=taste, plan=plan, public=public, homes=homes)


# Steps of the other provinces' varieties towards their 2016 shares each time the
# opening solves its market (the burn-in's closure finishes the work).
PROVINCES_STEPS = 2


def _market(o: Opening, demand: _Demand) -> tuple[Options, Clearing]:
    """The 2016 market among the firms kept so far (a standard in force from the start
    does not keep a firm off it: firms plan as if they may sell, and upgrade or leave in
    the first quarter, sim.economy.processes.upgrades): their options and buyers'
    choices. The other provinces' goods cost what the province's firms' do, for their
    quality, and their varieties move towards their 2016 shares of households'
    spending (sim.economy.processes.provinces)."""
    f, p, macro, levers = o.firms, o.p, o.macro, o.levers
    # (the targeted products of the firms kept so far)
    targeted = subsidies.targeted(f=f, categories=levers.subsidy.categories)
    world_price = p.market.foreign_price * macro.foreign_price_index
    quality_cost = p.firms.quality_cost
    macro.provinces_price_2016 = provinces.reference_price(
        f=f, price=unit_price(markup=f.markup, quality=f.quality, productivity=f.productivity,
                              quality_cost=quality_cost, wage_level=macro.wage_level),
        quality_cost=quality_cost, wage_level=macro.wage_level) / macro.national_price_index
    for _ in range(PROVINCES_STEPS):
        quality = provinces.category_quality(f=f)
        offer = choice.ProvincesOffer(
            price=provinces.inflow_prices(reference=macro.provinces_price_2016, quality=quality,
                                          quality_cost=quality_cost,
                                          national_price=macro.national_price_index),
            quality=quality, log_varieties=macro.provinces_log_varieties)
        opt = choice.options(
            f=f, terms=choice.OfferTerms(min_standard=None, wage_level=macro.wage_level,
                                         targeted=targeted, producer_rate=0.0,
                                         price_gap=levers.outbound.price_gap,
                                         world_price=world_price, provinces=offer),
            quality_cost=quality_cost, real_firms_per_agent=macro.real_firms_per_agent,
            mp=p.market)
        chosen = choice.choose(
            opt=opt,
            buyers=choice.Buyers(households=o.households, taste=demand.taste,
                                 taste_edges=macro.taste_edges, planned=demand.plan.planned,
                                 scale=o.scale, export_demand=np.zeros(len(CATEGORIES)),
                                 public_demand=demand.public),
            wedges=choice.Wedges(rural_surcharge=macro.rural_surcharge, rebate_rate=0.0),
            f=f, mp=p.market)
        macro.provinces_log_varieties = provinces.preference_step(
            log_varieties=macro.provinces_log_varieties,
            share=provinces.household_share(chosen), target=provinces.inflow_target(p.china))
    return opt, chosen


def _drop_small_sellers(o: Opening, demand: _Demand) -> None:
    """The 2016 firms are those that sell: a drawn firm whose quality and productivity
    would win less than `exit_share_floor` of its category's average sales would exit
    at once (sim.economy.processes.entry_exit), so it is not part of the 2016 economy."""
    f = o.firms
    opt, chosen = _market(o, demand)
    f.revenue = firm_totals(per_option=chosen.spent.sum(axis=0), options=opt, n_firms=len(f))
    f.keep(np.flatnonzero(~entry_exit.small(f=f, fp=o.p.firms)))
    f.revenue = np.zeros(len(f))


@dataclass(frozen=True)
class _LabourForce:
    trend: float  # the quarterly growth of the productivity trend
    per_machine: float  # labour that makes a unit of capital, efficiency units
    per_unit_machines: float  # the capital-goods sector's labour per unit a firm sells
    public_machines: float  # its labour for the public and household orders
    target: float  # the labour employed at the initial unemployment rate (province)
    mix: np.ndarray  # the export mix by category (shares)


def _labour_force(o: Opening, demand: _Demand) -> _LabourForce:
    """Firms hold the capital their sales need at the target utilisation and have on
    order what replaces its wear and grows it with the trend; the government has its
    rural logistics investment on order, households their dwellings: the capital-goods
    sector's labour per unit each firm sells, and for the public and household orders.
    Export demand employs the rest of the labour force, in the export mix."""
    p, cp = o.p, o.p.capital
    trend = (1.0 + p.economy.productivity_growth) ** 0.25 - 1.0
    per_machine = capital_goods.labour_per_unit(cp=cp, growth_index=o.macro.growth_index)
    per_unit_machines = (investment.desired_capital(expected_demand=1.0,
                                                    cp=cp) * (cp.depreciation + trend)
                         * per_machine)
    public_machines = (o.levers.rural_logistics.investment + demand.homes) * per_machine
    target = (1.0 - p.economy.initial_unemployment) * o.scale * o.households.efficiency.sum()
    mix = np.array([getattr(p.world.export_mix, c, 0.0) if EXPORTED[i] else 0.0
                    for i, c in enumerate(CATEGORIES)])
    mix /= mix.sum()
    return _LabourForce(trend=trend, per_machine=per_machine,
                        per_unit_machines=per_unit_machines, public_machines=public_machines,
                        target=target, mix=mix)


@dataclass(frozen=True)
class _Sales:
    units: np.ndarray  # units each firm sells a quarter, exports included
    made: np.ndarray  # the share of its demand it makes (rationed services less than 1)
    per_unit: np.ndarray  # labour per unit of output, efficiency units
    per_unit_staff: np.ndarray  # production and research labour per unit demanded


def _select_firms(o: Opening, demand: _Demand, force: _LabourForce) -> _Sales:
    """The firms also cover their costs: a firm whose sales would not pay its wages,
    overhead, taxes and the wear of its capital would make losses from the start and
    leave after `firms.loss_quarters_to_exit` quarters, all such firms in the same
    quarter. It is not part of the economy: the loss-makers are dropped and the market
    is solved again without them, until none is left (or SELECTION_ROUNDS have passed;
    each category keeps its most profitable firm). Returns the kept firms' sales."""
    f, p = o.firms, o.p
    for round_ in range(SELECTION_ROUNDS):
        opt, chosen = _markups_at_target(o, demand)
        sales = _sales_with_exports(o, opt, chosen, force)
        losing = _loss_makers(f=f, sales=sales, fp=p.firms, cp=p.capital,
                              production_tax=p.government.production_tax)
        if not losing.any() or round_ == SELECTION_ROUNDS - 1:
            break
        f.keep(np.flatnonzero(~losing))
        f.revenue = np.zeros(len(f))
    return sales


def _markups_at_target(o: Opening, demand: _Demand) -> tuple[Options, Clearing]:
    """Markups start at each firm's target under its demand (unless
    `firms.initial_markup` is set): the competitive markup times its market power, two
    rounds of best responses to rivals' prices. Returns the market at those markups."""
    f, p, fp = o.firms, o.p, o.p.firms
    opt, chosen = _market(o, demand)
    if fp.initial_markup is None:
        low, high = fp.markup_bounds
        for _ in range(2):
            revenue = firm_totals(per_option=chosen.spent.sum(axis=0), options=opt,
                                  n_firms=len(f))
            f.markup = np.clip(pricing.competitive_markup(
                clearing=chosen, n_firms=len(f), mp=p.market, fallback=f.markup,
                real_firms_per_agent=o.macro.real_firms_per_agent)
                * pricing.market_power(f=f, revenue=revenue, fp=fp), low, high)
            opt, chosen = _market(o, demand)
    return opt, chosen


def _sales_with_exports(o: Opening, opt: Options, chosen: Clearing,
                        force: _LabourForce) -> _Sales:
    """Each firm's sales: what buyers plan to buy, and the export demand that employs
    the rest of the labour force (none if domestic demand already needs it all: the
    economy opens short of labour and the burn-in's closure brings exports in as it
    settles). Firms also employ researchers (rd_share_of_sales of revenue, sim.economy.
    processes.innovation) and overhead (`overhead_share` of the average firm's other
    labour; the capital-goods sector has none); the services rationed in 2016 make only
    `firms.service_headroom` of their demand. Sets export demand and export shares."""
    f, p, macro, fp = o.firms, o.p, o.macro, o.p.firms
    units = choice.planned_units(clearing=chosen, n_firms=len(f))
    per_unit = production.labour_per_unit(f=f, fp=fp, growth_index=macro.growth_index)
    made = np.where(CAPACITY_SERVICES[f.category], np.minimum(
        1.0, fp.service_headroom * production.capacity_multiplier(
            category=f.category, capacity_lever=o.levers.services.capacity,
            growth=fp.service_capacity_growth, t=0)), 1.0)
    per_unit_staff = per_unit * (made + fp.rd_share_of_sales * (1.0 + f.markup))
    domestic = opt.firm >= 0
    per_yuan = chosen.share[EXPORT_ROW] * force.mix[opt.category] / opt.price
    export_units = np.bincount(opt.firm[domestic], weights=per_yuan[domestic],
                               minlength=len(f))
    staff_and_machines = (1.0 + fp.overhead_share) * per_unit_staff + force.per_unit_machines
    domestic_labour = (units * staff_and_machines).sum() + force.public_machines
    needed = force.target - domestic_labour
    per_yuan_labour = (export_units * staff_and_machines).sum()
    exports = max(needed, 0.0) / per_yuan_labour if per_yuan_labour > 0 else 0.0
    # Demand from outside the province: the world's and the other provinces' (their
    # 2016 shares of it, china.outflow_share), each at its own prices.
    to_provinces = p.china.outflow_share
    macro.export_demand_2016 = (1.0 - to_provinces) * exports * force.mix / float(
        world.export_demand(growth_index=macro.national_growth_index,
                            wage_level=macro.wage_level, world_price=macro.foreign_price_index,
                            elasticity=p.world.export_price_elasticity,
                            demand_2016=np.ones(1))[0])
    macro.outflow_demand_2016 = to_provinces * exports * force.mix / float(
        world.export_demand(growth_index=macro.national_growth_index,
                            wage_level=macro.wage_level, world_price=macro.national_price_index,
                            elasticity=p.china.outflow_price_elasticity,
                            demand_2016=np.ones(1))[0])
    f.export_share = np.divide(exports * export_units, units + exports * export_units,
                               out=np.zeros(len(f)), where=units + exports * export_units > 0)
    return _Sales(units=units + exports * export_units, made=made, per_unit=per_unit,
                  per_unit_staff=per_unit_staff)


def _firm_stocks(o: Opening, sales: _Sales, force: _LabourForce) -> None:
    """Firms expect their 2016 sales and hold the capital they need (with its
    replacement and growth on order), their target inventories and the capacity of the
    rationed services; the government has its rural logistics investment on order."""
    f, macro, fp, cp = o.firms, o.macro, o.p.firms, o.p.capital
    units = sales.units
    f.expected_demand = units
    f.capital = investment.desired_capital(expected_demand=units, cp=cp)
    macro.providers_capital_2016 = float(f.capital[CAPACITY_SERVICES[f.category]].sum())
    f.ordered_capital = (cp.depreciation + force.trend) * f.capital
    macro.public_investment_ordered = o.levers.rural_logistics.investment
    f.inventory = fp.inventory_target * units * GOODS[f.category]
    f.capacity = np.where(CAPACITY_SERVICES[f.category],
                          fp.service_headroom * units * sales.per_unit, np.inf)
    f.revenue = units * sales.made * sales.per_unit * (1.0 + f.markup) * macro.wage_index


def _initial_hiring(o: Opening, force: _LabourForce) -> None:
    """Firms want the labour their sales need (production, research, overhead), keep a
    quarter's wage bill as cash and hire with the capital-goods sector, which makes the
    orders; the 2016 research labour is the reference for innovation chances."""
    h, f, p, macro, fp = o.households, o.firms, o.p, o.macro, o.p.firms
    demand = production.labour_demand(
        f=f, fp=fp, growth_index=macro.growth_index,
        capacity=production.capacity_multiplier(
            category=f.category, capacity_lever=o.levers.services.capacity,
            growth=fp.service_capacity_growth, t=0),
        capital_capacity=investment.capacity(capital=f.capital + f.ordered_capital, cp=p.capital))
    research = innovation.research_labour_demand(f=f, fp=fp, wage_index=macro.wage_index,
                                                 subsidy_rate=np.zeros(len(f)))
    macro.overhead_labour = fp.overhead_share * float((demand + research).mean())
    overhead = production.overhead_labour(f=f, overhead=macro.overhead_labour)
    wanted = demand + research + overhead
    f.wage_bill = macro.wage_index * wanted
    f.cash = fp.cash_target_quarters * f.wage_bill
    machine_makers = capital_goods.on_order(
        f=f, public=macro.public_investment_ordered + macro.dwellings_ordered) * force.per_machine
    jobs = labour.match(
        workers=labour.Workers(employed=h.employed, employer=h.employer, kind=h.kind,
                               region=h.region, efficiency=h.efficiency * o.scale),
        employers=labour.Employers(demand=wanted, region=f.region, sector_demand=machine_makers),
        separation_rates=np.zeros(3), matching=1.0, rng=o.rng("labour"))
    h.employed, h.employer = jobs.employed, jobs.employer
    f.labour = labour.pooled(employed_labour=jobs.labour.sum() + jobs.sector_labour,
                             demand=np.append(wanted, machine_makers))[:-1]
    f.research_labour, f.overhead_labour = innovation.research_and_overhead(
        labour=f.labour, research=research, overhead=overhead)
    macro.research_reference = float(f.research_labour.mean())
    # Every firm's capital opens at the economy's technology; each category's frontier
    # leads it by the gap of the steady path at the share of capital replaced and grown
    # a quarter (sim.economy.processes.technology).
    macro.technology = float(np.log(macro.growth_index))
    f.technology = np.full(len(f), macro.technology)
    macro.research_2016 = technology.research_by_category(f)
    macro.frontier = np.full(N_CATEGORIES, macro.technology + o.p.firms.embodied_share
                             * technology.steady_gap(annual_growth=o.p.firms.frontier_growth,
                                                     renewal=o.p.capital.depreciation + np.log1p(
                                                         o.p.firms.frontier_growth) / 4.0))

def _balance_sheet(o: Opening, ledger: Ledger) -> float:
    """The bank's balance sheet closes with assets outside the model; the government
    opens with its debt, the capital-goods sector with what households prepaid. Returns
    the equity the bank keeps, yuan."""
    gp = o.p.government
    equity = o.p.bank.equity_ratio * o.scale * o.households.debt.sum()
    ledger.open_books(government=-gp.initial_debt * o.macro.wage_index, equity=equity,
                      capital_goods=o.macro.dwellings_prepaid)
    return equity


def _loss_makers(*, f: FirmTable, sales: _Sales, fp: Firms, cp: Capital,
                 production_tax: float) -> np.ndarray:
    """Firms whose 2016 sales (`sales.units` demanded a quarter, exports included; the
    cost of a unit demanded at wages of 1 leaves out the part rationed services cannot
    make) would not cover their costs at 2016 prices: production and research labour,
    the overhead every firm carries (`firms.overhead_share` of the average firm's other
    labour), the production tax and the wear of the capital those sales need. Each
    category keeps its most profitable firm whatever it earns."""
    units, per_unit = sales.units, sales.made * sales.per_unit
    revenue = units * per_unit * (1.0 + f.markup)
    labour = units * sales.per_unit_staff
    overhead = fp.overhead_share * float(labour.mean())
    wear = cp.depreciation * investment.desired_capital(expected_demand=units, cp=cp)
    profit = (1.0 - production_tax) * revenue - labour - overhead - wear
    losing = profit < 0.0
    for c in np.unique(f.category):
        rows = np.flatnonzero(f.category == c)
        if losing[rows].all():
            losing[rows[np.argmax(profit[rows])]] = False
    return losing


def _reach(h: HouseholdTable, levers: Levers, hp: Households) -> None:
    # (the households the credit lever reaches hold their lines, and their debt, in the
    # opening balance sheet; nobody is excluded yet)
    reach = policy.reach(h=h, levers=levers, hp=hp, t=NEVER + 1)
    h.covered, h.credit_access, h.credit_limit, h.online = (
        reach.covered, reach.credit_access, reach.credit_limit, reach.online)

