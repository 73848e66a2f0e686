"""The 2016 starting point (docs/model.md, "The initial economy"): expected incomes,
buffers and debt, firms' expected demand and capital, the capital goods on order,
the dwellings households bought off plan, export demand that employs the labour force at
the initial unemployment rate, and the bank's balance sheet. These are opening
stocks, set here once before the first quarter; from then on only payments move money
(sim.economy.ledger).
"""

from __future__ import annotations

from collections.abc import Callable
from types import SimpleNamespace

import numpy as np

from sim.config.levers import Levers
from sim.config.parameters import Households
from sim.economy.agents import FirmTable, HouseholdTable
from sim.economy.constants import (
    CAPACITY_SERVICES,
    CATEGORIES,
    EXPORTED,
    GOODS,
    HEALTHCARE,
    NEVER,
)
from sim.economy.goods_market import EXPORT_ROW, N_TASTE_BINS, firm_totals
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
    subsidies,
    world,
)
from sim.economy.state import Macro

SELECTION_ROUNDS = 6  # solves of the 2016 market while loss-making firms are dropped


def initialise(h: HouseholdTable, f: FirmTable, p: SimpleNamespace, levers: Levers,
               scale: float, macro: Macro, ledger: Ledger,
               rng: Callable[[str], np.random.Generator]) -> float:
    """Set the opening stocks of `h`, `f`, `macro` and `ledger` for 2016Q1 under `levers`
    (`rng(process)` gives the initial state's random streams). Returns the equity the
    bank keeps, yuan."""
    hp, fp, gp, cp = p.households, p.firms, p.government, p.capital
    u0 = p.economy.initial_unemployment
    # The economy opens at `macro`'s indices (the start of the burn-in, before 2016):
    # productivity, the wage level and the wage per efficiency unit.
    g0, wage_index0 = macro.growth_index, macro.wage_index

    # Permanent income: wages at the initial employment rate, transfers and dividends.
    _reach(h, levers, hp)
    wage = (1.0 - u0) * wage_index0 * h.efficiency
    transfer = incomes.transfer_per_person(h=h, hp=hp) * h.persons * wage_index0
    net_wage = wage * (1.0 - gp.income_tax - gp.social_contribution * h.covered)
    dividends = (float(f.markup.mean()) * scale * wage.sum() * fp.payout
                 * (1.0 - fp.dividend_tax))
    h.permanent_income = net_wage + transfer + dividends / scale * h.owner_weight
    macro.reference_income_pc = float(np.median(h.permanent_income / h.persons))
    _reach(h, levers, hp)  # credit limits follow permanent income

    # Debt and deposits around each household's target buffer at the moment it sets its
    # budget, after the quarter's income has come in (the buffer rule's resting point;
    # sim.economy.processes.consumption); it opens the quarter without that income
    # (firms' dividends come after the budget).
    before_budget = h.permanent_income - dividends / scale * h.owner_weight
    draw = rng("endowment")
    h.debt = np.where(h.credit_access,
                      p.bank.initial_debt_share * h.credit_limit * draw.random(len(h)), 0.0)
    s = hp.initial_deposit_dispersion
    line_as_buffer = credit.line_as_buffer(annual_rate=levers.credit.interest_rate,
                                           share_at_reference=hp.credit_buffer_offset, bp=p.bank)
    exposure = consumption.uninsured_exposure(h=h, hp=hp,
                                              replacement=p.labour.unemployment_replacement)
    at_budget = np.maximum(0.0, consumption.target_buffer(h=h, hp=hp, line_as_buffer=line_as_buffer,
                                                          exposure=exposure)
                           + h.debt) * np.exp(s * draw.standard_normal(len(h)) - s**2 / 2)
    opening = np.maximum(0.0, at_budget - before_budget)
    h.deposits = opening + before_budget  # (at the budget: a buffer below the income
    # that has just come in is not a resting point)
    taste = choice.household_taste(h=h, reference_income_pc=macro.reference_income_pc,
                                   income_elasticity=hp.quality_taste_income_elasticity)
    macro.taste_edges = np.quantile(taste, np.arange(1, N_TASTE_BINS) / N_TASTE_BINS)

    # Firms expect 2016 demand from households' desired spending and public services.
    # They plan as if they may sell: a standard in force from the start makes them
    # upgrade or leave in the first quarter (sim.economy.processes.upgrades).
    unit_prices = prices.household_prices(category_index=macro.category_price_index,
                                          rebate_by_category=np.zeros(len(CATEGORIES)),
                                          rural_surcharge=macro.rural_surcharge)
    basket = prices.basket(hp.subsistence)
    basic_cost = prices.subsistence_cost(kind=h.kind, persons=h.persons, prices=unit_prices,
                                         quantities=basket)
    contributions = gp.pension_contribution * wage * h.covered
    budget = consumption.budget(h=h, basic_cost=basic_cost, hp=hp, line_as_buffer=line_as_buffer,
                                exposure=exposure, pension_accrual=contributions)
    plan = consumption.allocate(h=h, budget=budget, need_per_person=unit_prices * basket, hp=hp,
                                rebate_by_category=np.zeros(len(CATEGORIES)))
    # Households bought last quarter's dwellings off plan (sim.economy.processes.housing):
    # the capital-goods sector holds what they paid and builds them in the first quarter.
    homes = scale * float(housing.planned(h=h, hp=hp, line_as_buffer=line_as_buffer,
                                          exposure=exposure, pension_accrual=contributions).sum())
    macro.dwellings_prepaid = homes
    macro.dwellings_ordered = homes / capital_goods.price(macro.wage_level)
    plan.planned[:, HEALTHCARE] += health.expected_cost(h=h, hp=hp)
    h.deposits = opening
    public = (government.public_service_demand(h=h, gp=gp, wage_index=macro.wage_index, scale=scale)
              + government.inspection_demand(gp=gp, enforcement=levers.quality.enforcement,
                                             live_firms=len(f), wage_index=macro.wage_index,
                                             real_firms_per_agent=macro.real_firms_per_agent))
    public[HEALTHCARE] += scale * float(health.expected_insured_cost(h=h, hp=hp).sum())

    def market() -> tuple:
        # (the targeted products of the firms kept so far)
        targeted = subsidies.targeted(f=f, categories=levers.subsidy.categories)
        opt = choice.options(
            f=f, terms=choice.OfferTerms(min_standard=None, wage_level=macro.wage_level,
                                         targeted=targeted, producer_rate=0.0,
                                         price_gap=levers.outbound.price_gap,
                                         world_price=p.market.foreign_price
                                         * macro.foreign_price_index),
            quality_cost=fp.quality_cost, real_firms_per_agent=macro.real_firms_per_agent,
            mp=p.market)
        chosen = choice.choose(
            opt=opt,
            buyers=choice.Buyers(households=h, taste=taste, taste_edges=macro.taste_edges,
                                 planned=plan.planned, scale=scale,
                                 export_demand=np.zeros(len(CATEGORIES)), public_demand=public),
            wedges=choice.Wedges(rural_surcharge=macro.rural_surcharge, rebate_rate=0.0),
            f=f, mp=p.market)
        return opt, chosen

    # The 2016 firms are those that sell: a drawn firm whose quality and productivity
    # would win less than `exit_share_floor` of its category's average sales would exit
    # at once (sim.economy.processes.entry_exit), so it is not part of the 2016 economy.
    opt, chosen = market()
    f.revenue = firm_totals(per_option=chosen.spent.sum(axis=0), options=opt, n_firms=len(f))
    f.keep(np.flatnonzero(~entry_exit.small(f=f, fp=fp)))
    f.revenue = np.zeros(len(f))

    # Firms hold the capital their sales need at the target utilisation and have on order
    # what replaces its wear and grows it with the trend; the government has its rural
    # logistics investment on order, households their dwellings. The capital-goods
    # sector's labour per unit each firm sells, and for the public and household orders:
    trend = (1.0 + p.economy.productivity_growth) ** 0.25 - 1.0
    per_machine = capital_goods.labour_per_unit(cp=cp, growth_index=g0)
    per_unit_machines = (investment.desired_capital(expected_demand=1.0,
                                                    cp=cp) * (cp.depreciation + trend)
                         * per_machine)
    public_machines = (levers.rural_logistics.investment + homes) * per_machine
    # Export demand employs the rest of the labour force, in the export mix.
    target = (1.0 - u0) * scale * h.efficiency.sum()
    mix = np.array([getattr(p.world.export_mix, c, 0.0) if EXPORTED[i] else 0.0
                    for i, c in enumerate(CATEGORIES)])
    mix /= mix.sum()

    # The firms also cover their costs: a firm whose sales would not pay its wages,
    # overhead, taxes and the wear of its capital would make losses from the start and
    # leave after `firms.loss_quarters_to_exit` quarters, all such firms in the same
    # quarter. It is not part of the economy: the loss-makers are dropped and the market
    # is solved again without them, until none is left (or SELECTION_ROUNDS have passed;
    # each category keeps its most profitable firm).
    for round_ in range(SELECTION_ROUNDS):
        # Markups start at each firm's target under its demand (unless
        # `firms.initial_markup` is set): the competitive markup times its market power,
        # two rounds of best responses to rivals' prices.
        opt, chosen = market()
        if fp.initial_markup is None:
            low, high = fp.markup_bounds
            for _ in range(2):
                revenue = firm_totals(per_option=chosen.spent.sum(axis=0), options=opt,
                                      n_firms=len(f))
                f.markup = np.clip(pricing.competitive_markup(
                    clearing=chosen, n_firms=len(f), mp=p.market, fallback=f.markup,
                    real_firms_per_agent=macro.real_firms_per_agent)
                    * pricing.market_power(f=f, revenue=revenue, fp=fp), low, high)
                opt, chosen = market()
        units = choice.planned_units(clearing=chosen, n_firms=len(f))
        per_unit = production.labour_per_unit(f=f, fp=fp, growth_index=g0)
        # Firms also employ researchers: rd_share_of_sales of revenue (sim.economy.
        # processes.innovation), so each unit demanded needs this much labour in all;
        # the services rationed in 2016 make only `firms.service_headroom` of their demand.
        made = np.where(CAPACITY_SERVICES[f.category], np.minimum(
            1.0, fp.service_headroom * production.capacity_multiplier(
                category=f.category, capacity_lever=levers.services.capacity,
                growth=fp.service_capacity_growth, t=0)), 1.0)
        per_unit_staff = per_unit * (made + fp.rd_share_of_sales * (1.0 + f.markup))

        # (overhead labour is `overhead_share` of the average firm's other labour; the
        # capital-goods sector has none)
        domestic = opt.firm >= 0
        per_yuan = chosen.share[EXPORT_ROW] * mix[opt.category] / opt.price
        export_units = np.bincount(opt.firm[domestic], weights=per_yuan[domestic],
                                   minlength=len(f))
        staff_and_machines = (1.0 + fp.overhead_share) * per_unit_staff + per_unit_machines
        domestic_labour = (units * staff_and_machines).sum() + public_machines
        needed = target - domestic_labour
        per_yuan_labour = (export_units * staff_and_machines).sum()
        # (none if domestic demand already needs the labour force: the economy opens
        # short of labour and the burn-in's closure brings exports in as it settles)
        exports = max(needed, 0.0) / per_yuan_labour if per_yuan_labour > 0 else 0.0
        macro.export_demand_2016 = exports * mix / float(world.export_demand(
            growth_index=macro.growth_index, wage_level=macro.wage_level,
            world_price=macro.foreign_price_index, elasticity=p.world.export_price_elasticity,
            demand_2016=np.ones(1))[0])
        f.export_share = np.divide(exports * export_units, units + exports * export_units,
                                   out=np.zeros(len(f)), where=units + exports * export_units > 0)
        units = units + exports * export_units

        losing = _loss_makers(f, units, made * per_unit, per_unit_staff, fp, cp,
                              gp.production_tax)
        if not losing.any() or round_ == SELECTION_ROUNDS - 1:
            break
        f.keep(np.flatnonzero(~losing))
        f.revenue = np.zeros(len(f))

    f.expected_demand = units
    f.capital = investment.desired_capital(expected_demand=units, cp=cp)
    macro.providers_capital_2016 = float(f.capital[CAPACITY_SERVICES[f.category]].sum())
    f.ordered_capital = (cp.depreciation + trend) * f.capital
    macro.public_investment_ordered = levers.rural_logistics.investment
    f.inventory = fp.inventory_target * units * GOODS[f.category]
    f.capacity = np.where(CAPACITY_SERVICES[f.category], fp.service_headroom * units * per_unit,
                          np.inf)
    f.revenue = units * made * per_unit * (1.0 + f.markup) * wage_index0
    demand = production.labour_demand(
        f=f, fp=fp, growth_index=g0,
        capacity=production.capacity_multiplier(
            category=f.category, capacity_lever=levers.services.capacity,
            growth=fp.service_capacity_growth, t=0),
        capital_capacity=investment.capacity(capital=f.capital + f.ordered_capital, cp=cp))
    research = innovation.research_labour_demand(f=f, fp=fp, wage_index=wage_index0,
                                                 subsidy_rate=np.zeros(len(f)))
    macro.overhead_labour = fp.overhead_share * float((demand + research).mean())
    overhead = production.overhead_labour(f=f, overhead=macro.overhead_labour)
    wanted = demand + research + overhead
    f.wage_bill = wage_index0 * wanted
    f.cash = fp.cash_target_quarters * f.wage_bill
    machine_makers = capital_goods.on_order(
        f=f, public=macro.public_investment_ordered + macro.dwellings_ordered) * per_machine
    jobs = labour.match(
        workers=labour.Workers(employed=h.employed, employer=h.employer, kind=h.kind,
                               region=h.region, efficiency=h.efficiency * scale),
        employers=labour.Employers(demand=wanted, region=f.region, sector_demand=machine_makers),
        separation_rates=np.zeros(3), matching=1.0, rng=rng("labour"))
    h.employed, h.employer = jobs.employed, jobs.employer
    f.labour = labour.pooled(employed_labour=jobs.labour.sum() + jobs.sector_labour,
                             demand=np.append(wanted, machine_makers))[:-1]
    f.research_labour, f.overhead_labour = innovation.research_and_overhead(labour=f.labour,
                                                                            research=research,
                                                                            overhead=overhead)
    macro.research_reference = float(f.research_labour.mean())

    # The bank's balance sheet closes with assets outside the model.
    equity = p.bank.equity_ratio * scale * h.debt.sum()
    ledger.open_books(government=-gp.initial_debt * wage_index0, equity=equity,
                      capital_goods=macro.dwellings_prepaid)
    return equity


def _loss_makers(f: FirmTable, units: np.ndarray, per_unit: np.ndarray,
                 per_unit_staff: np.ndarray, fp: SimpleNamespace, cp: SimpleNamespace,
                 production_tax: float) -> np.ndarray:
    """Firms whose 2016 sales (`units` demanded a quarter, exports included; `per_unit`:
    the cost of a unit demanded at wages of 1, the part rationed services cannot make
    left out) would not cover their
    costs at 2016 prices: production and research labour, the overhead every firm
    carries (`firms.overhead_share` of the average firm's other labour), the production
    tax and the wear of the capital those sales need. Each category keeps its most
    profitable firm whatever it earns."""
    revenue = units * per_unit * (1.0 + f.markup)
    labour = units * per_unit_staff
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

