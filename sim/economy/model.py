"""The economy as a Mesa model. `EconomyModel.step()` is the quarter: it calls each
economic process in order (docs/model.md, "The quarter") and assigns what each returns;
every yuan moves through `self.ledger.pay`. The processes are functions of the state
they read (sim.economy.processes); this file holds the state and the order.
"""

from __future__ import annotations

import copy
from collections import OrderedDict
from collections.abc import Callable, Mapping
from typing import Any

import mesa
import numpy as np
import pandas as pd
from omegaconf import DictConfig, OmegaConf

from sim.config.compose import check, load_config, national, override_text, schedules
from sim.config.levers import Levers, baseline_policy, flatten
from sim.config.params import by_kind, resolve
from sim.config.quarters import quarter_index
from sim.economy import accounting, guards, measures, population
from sim.economy.agents import ARRIVED_KEYS, Firm, Household
from sim.economy.constants import (
    GOODS,
    HEALTHCARE,
    HOUSING,
    MIGRANT,
    N_CATEGORIES,
    NEVER,
    URBAN,
    quarter_label,
)
from sim.economy.goods import GoodsAccount
from sim.economy.initial import Opening, initialise
from sim.economy.ledger import Ledger
from sim.economy.memory import reuse_freed_memory
from sim.economy.outcomes import OUTCOMES
from sim.economy.processes import (
    capital_goods,
    choice,
    clearing,
    consumption,
    coupons,
    credit,
    durables,
    entry_exit,
    expectations,
    facilities,
    firms,
    government,
    health,
    housing,
    incomes,
    innovation,
    interprovincial,
    investment,
    labour,
    logistics,
    migration,
    national_inputs,
    policy,
    prices,
    pricing,
    production,
    provinces,
    quality,
    settlement,
    subsidies,
    technology,
    upgrades,
    welfare,
    world,
)
from sim.economy.rules import collateral_share, committed, credit_line, to_owners
from sim.economy.sectors import Bank, Government
from sim.economy.state import (
    Budget,
    Hiring,
    LivingCosts,
    Macro,
    Market,
    Planned,
    PolicyInForce,
    PublicPurchases,
    Quarter,
)
from sim.economy.streams import HouseholdDraws, keyed_uniforms, stream

# Every outcome a quarter records (the registry's computed outcomes and the ledger's
# residual): the model-level variables of the DataCollector.
OUTCOME_COLUMNS = (*(n for n, o in OUTCOMES.items() if o.compute is not None),
                   "ledger_residual")


# Burn-ins kept in this process, by the economy's config (its parameter groups, seed and
# start; not the policy, which the burn-in does not read): every scenario of a seed
# takes up the same burnt-in economy, the first to run it pays for it.
ECONOMY_KEYS = ("population", "economy", "households", "labour", "market", "world", "china",
                "firms",
                "capital", "government", "bank", "seed", "start")
BURN_IN_CACHE = 12  # economies kept
BURN_IN_CACHE_HOUSEHOLDS = 200_000  # larger economies are not kept (memory)
_BURN_INS: OrderedDict[str, tuple] = OrderedDict()


# Fixed firm traits draw from the "firms" stream at a quarter no run reaches.
TRAIT_QUARTER = {"patience": 2**20}


def _latest(name: str) -> Callable[[mesa.Model], Any]:
    """A model reporter: the outcome `name` of the quarter just completed."""
    return lambda model: model.records[-1][name]


INCOME_FLOWS = ("unemployment_benefits", "transfers", "deposit_interest", "income_tax",
                "social_contributions", "pension_contributions")


def _override(key: str, value: Any) -> str:
    """A keyword argument as a Hydra override ("policy__credit__interest_rate" or
    "policy.credit.interest_rate" with 0.06 -> "policy.credit.interest_rate=0.06")."""
    return f"{key.replace('__', '.')}={override_text(value)}"


def _compose(cfg: DictConfig | Mapping[str, Any] | None,
             overrides: dict[str, Any]) -> DictConfig:
    """The run config: configs/config.yaml with `overrides` (keyword arguments), or
    `cfg` updated by them (a scenario must then be composed into `cfg`)."""
    if cfg is None:
        return load_config([_override(k, v) for k, v in overrides.items()])
    if "scenario" in overrides:
        scenario = overrides["scenario"]
        raise TypeError("scenario= needs the config to be composed: "
                        f"EconomyModel(scenario={scenario!r}) without a config, or "
                        f"load_config(['scenario={scenario}', ...])")
    cfg = OmegaConf.create(cfg if isinstance(cfg, DictConfig) else dict(cfg))
    for key, value in overrides.items():
        OmegaConf.update(cfg, key.replace("__", "."), value, merge=False)
    return cfg


class EconomyModel(mesa.Model):
    """Guangdong's households and firms, one step per quarter from `start` (2016Q1).

    Build it as any Mesa model, `EconomyModel(seed=3, households=5000,
    scenario="consumer_credit", steps=12)`, with any other key of the config as a keyword
    (`policy__credit__interest_rate=0.06`, or the dotted name in a dict: `**{"policy.credit.
    interest_rate": 0.06}`, as `mesa.batch_run` passes its parameters), or from a composed
    config (`EconomyModel(load_config([...]))`, keywords then update it).

    Args:
        cfg: a run config (sim.config.load_config), as a Hydra DictConfig or a dict;
            default: configs/config.yaml with the keywords as overrides.
        seed: the run's seed (common random numbers: the same seed in two scenarios
            draws the same households and shocks).
        households: household agents (population.households; the province's
            persons are spread over them).
        scenario: a policy package from scenarios/ (only without `cfg`).
        steps: quarters to run (`running` turns False after them).
        **overrides: any other config key, dotted or with "__" for the dots.

    Mesa's view: `model.datacollector` (mesa.DataCollector) records every outcome of
    sim.economy.outcomes each quarter (`get_model_vars_dataframe()`; `mesa.batch_run`
    reads it). Households and firms are agents of two types sharing Mesa's id space:
    collect their variables with `agenttype_reporters={Household: {...}, Firm: {...}}`
    (plain agent reporters ask every agent for every variable, so a household variable
    reads as NaN for firms; `agent_type` tells the two apart). Household agents are made
    on first use (see `household_agents`).

    Attributes:
        p: the run's parameters (each group an instance of its schema,
            sim.config.parameters) and settings.
        households: HouseholdTable, one row per household agent.
        firms: FirmTable, one row per firm ever alive.
        scale: real households each household agent stands for.
        ledger: every payment, and the balances of the bank, the government and the
            rest of the world.
        goods: the quarter's goods account (output = sales + inventory change + losses,
            checked for every firm at the close, sim.economy.goods).
        macro: the aggregate state carried between quarters (prices, wages, stocks).
        quarter: what the last quarter's processes produced.
        bank, government: views on their books.
        records: one outcome row per completed quarter (see `timeseries()`).
    """

    def __init__(self, cfg: DictConfig | Mapping[str, Any] | None = None, *,
                 seed: int | None = None, households: int | None = None,
                 scenario: str | None = None, steps: int | None = None,
                 **overrides: Any) -> None:
        named = {"seed": seed, "population.households": households, "scenario": scenario,
                 "steps": steps}
        cfg = _compose(cfg, {**{k: v for k, v in named.items() if v is not None}, **overrides})
        check(cfg)
        reuse_freed_memory()  # large temporaries reuse their pages (see memory.py)
        p = resolve(cfg)
        super().__init__(seed=int(p.seed))
        self.p, self.scenario, self.seed = p, p.scenario.name, int(p.seed)
        self.lever_targets = flatten(OmegaConf.to_container(cfg.policy, resolve=True))
        self.schedules = schedules(cfg)
        # The nation's inflation and the benchmark rates: declared 2016 values, moved
        # from a quarter on by a scenario's `national:` block (sim.config.national).
        moved = national(cfg)
        self.national = national_inputs.path(
            before=national_inputs.NationalInputs(inflation=p.china.inflation,
                                                  deposit_rate=p.economy.deposit_rate,
                                                  loan_rate=p.bank.firm_loan_rate),
            moved={k: v for k, v in moved.items() if k != "start"},
            start=quarter_index(moved.get("start", p.start)) - quarter_index(p.start))
        # The economy opens `burn_in` quarters before 2016Q1 and runs them under 2016's
        # policy (the status quo, the same in every scenario) without recording them;
        # the initial state draws as the quarter before.
        self.burn_in = int(p.economy.burn_in_quarters)
        self.t = -self.burn_in - 1
        self.status_quo = policy.levers_at(targets=flatten(baseline_policy()), schedules={},
                                           start=p.start, t=0)
        self.levers = self.status_quo
        self.records: list[dict[str, float]] = []
        self.burn_in_records: list[dict[str, float]] = []

        self.datacollector = mesa.DataCollector(model_reporters={
            name: _latest(name) for name in ("quarter", *OUTCOME_COLUMNS)})
        self._household_agents: list[Household] | None = None
        self.firm_agents: dict[int, Firm] = {}
        self._restore(self._burn_in(cfg))
        # What households' consumption is worth is measured in yuan of the choice set
        # the economy opened with (the same in every scenario of a seed).
        h = self.households
        self.opening_choices = welfare.opening_choices(
            clearing=self.quarter.clearing, kind=h.kind, trust=h.trust, persons=h.persons,
            spending=h.spending)
        # (Mesa agents are made for the firms alive in 2016Q1, the same whether the
        # burn-in ran here or was reused)
        self.firm_agents = {int(row): Firm(self, int(row))
                            for row in np.flatnonzero(self.firms.alive)}

    def _burn_in(self, cfg: DictConfig) -> tuple:
        """The economy after the burn-in (`_burnt_state`): run here from the opening
        economy, or a copy of the one this process ran for the same economy config."""
        key = OmegaConf.to_yaml(OmegaConf.masked_copy(cfg, list(ECONOMY_KEYS)))
        burnt = _BURN_INS.get(key)
        if burnt is not None:
            _BURN_INS.move_to_end(key)
            return copy.deepcopy(burnt)
        self._open()
        for t in range(-self.burn_in, 0):
            self._quarter(t)
        burnt = self._burnt_state()
        if len(self.households) <= BURN_IN_CACHE_HOUSEHOLDS:
            _BURN_INS[key] = copy.deepcopy(burnt)
            while len(_BURN_INS) > BURN_IN_CACHE:
                _BURN_INS.popitem(last=False)
        return burnt

    def _open(self) -> None:
        """The opening economy, `burn_in` quarters before 2016Q1 (sim.economy.initial):
        its indices (productivity, the wage level, world prices) are the trend's then."""
        p = self.p
        self.households = population.build_households(
            p, int(p.population.households), self.rng_for("population"))
        self.firms = population.build_firms(p, int(p.population.households),
                                            self.rng_for("firms"))
        self.scale = p.population.persons_total / self.households.persons.sum()
        self.ledger = Ledger(self.households, self.firms, self.scale)
        gp, start = p.government, -self.burn_in
        wage_level = (1.0 + p.economy.expected_inflation) ** (start / 4.0)
        self.macro = Macro(logistics_stock=gp.infrastructure_stock, income_tax_rate=gp.income_tax,
                           expected_loss_rate=p.bank.expected_loss_rate_2016,
                           rural_surcharge=self.levers.rural_logistics.cost_markup,
                           real_firms_per_agent=population.real_firms_per_agent(
                               p.population, len(self.firms)),
                           growth_index=(1.0 + p.economy.productivity_growth) ** (start / 4.0),
                           national_growth_index=(1.0 + p.china.productivity_growth)
                           ** (start / 4.0),
                           wage_level=wage_level,
                           expected_inflation=p.economy.expected_inflation,
                           foreign_price_index=world.price_level(annual_inflation=p.world.inflation,
                                                                 t=start),
                           national_price_index=self.national.price_level(start),
                           category_price_index=np.full(N_CATEGORIES, wage_level))
        equity = initialise(economy=Opening(households=self.households, firms=self.firms, p=p,
                                            levers=self.levers, scale=self.scale,
                                            macro=self.macro, rng=self.rng_for),
                            ledger=self.ledger)
        self.bank = Bank(self.ledger, equity)
        self.government = Government(self.ledger, self.macro)
        self.quarter = Quarter(step=self.t, levers=self.levers)
        self.goods = GoodsAccount.open(self.firms, self.t)
        self.firms.born[:] = self.t

    def _burnt_state(self) -> tuple:
        """What the burn-in leaves: every stock and what the quarters remember."""
        return (self.households, self.firms, self.ledger, self.macro, self.bank.equity_target,
                self.quarter, self.goods, self.burn_in_records, self.scale)

    def _restore(self, state: tuple) -> None:
        """Take up the economy the burn-in left (`_burnt_state`)."""
        (self.households, self.firms, self.ledger, self.macro, equity, self.quarter,
         self.goods, self.burn_in_records, self.scale) = state
        self.bank = Bank(self.ledger, equity)
        self.government = Government(self.ledger, self.macro)
        self.t = -1

    # ------------------------------------------------------------------ the quarter
    def step(self) -> None:
        """One quarter (the next from 2016Q1)."""
        self._quarter(self.steps - 1)

    def _levers_at(self, t: int) -> Levers:
        """The levers in force in quarter `t`: the status quo while the burn-in runs."""
        if self.t < 0:
            return self.status_quo
        return policy.levers_at(targets=self.lever_targets, schedules=self.schedules,
                                start=self.p.start, t=t)

    def _quarter(self, t: int) -> None:
        """Quarter `t` (0 = 2016Q1; negative: the burn-in): its stages in the order they
        run (docs/model.md, "The quarter"); each returns what later stages read."""
        wealth_at_start = self._open_quarter(t)
        moved = self._migration()                                   # 0
        inforce = self._policy(t)                                   # 1
        self.quarter.arrivals, self.quarter.departures = moved
        hiring = self._labour(inforce)                              # 2
        self._capital_goods(hiring)
        flows = self._incomes(hiring)                               # 3
        costs = self._living_costs(inforce)                         # 4
        self._credit(costs)
        budget = self._budget(inforce, costs, flows)                # 5
        planned = self._buying_ahead(inforce, budget)               # 6
        public = self._health(inforce, planned)
        market = self._goods_market(inforce, planned, public)       # 7
        self._settle(inforce, market, planned, public, budget)
        self._housing(budget, flows)                                # 7b
        self._quality(market)                                       # 8
        self._pricing_and_profits(market)                           # 9
        self._innovation(market)
        self._exit_and_entry(inforce, market)
        self._dividends()
        self._government(hiring, flows)                             # 10
        self._hukou()                                               # 11
        self._next_quarter(inforce)                                 # 12
        self._close_quarter(wealth_at_start, market)

    def _open_quarter(self, t: int) -> dict[str, float]:
        """Open quarter `t`: the ledger's record and the goods account start, productivity
        is on its trend. Returns each sector's net wealth at the start (for the quarter's
        stock-flow check)."""
        self.t = t
        wealth_at_start = self.ledger.open_quarter(t)
        self.goods = GoodsAccount.open(self.firms, t)
        self.macro.national_growth_index = (1.0 + self.p.china.productivity_growth) ** (t / 4.0)
        return wealth_at_start

    def _policy(self, t: int) -> PolicyInForce:
        """1. Policy in force: whom the levers reach, the rural surcharge, the subsidy's
        targets and rates, public and foreign demand."""
        h, f, p, m = self.households, self.firms, self.p, self.macro
        hp, gp = p.households, p.government
        levers = self.levers = self._levers_at(t)
        q = self.quarter = Quarter(step=t, levers=levers)
        reach = policy.reach(h=h, levers=levers, hp=hp, t=t)
        h.covered, h.credit_access, h.credit_limit, h.online = (
            reach.covered, reach.credit_access, reach.credit_limit, reach.online)
        m.rural_surcharge = logistics.rural_surcharge(
            cost_markup=levers.rural_logistics.cost_markup, stock_2016=gp.infrastructure_stock,
            stock=m.logistics_stock, elasticity=gp.infrastructure_elasticity)
        targeted = subsidies.targeted(f=f, categories=levers.subsidy.categories)
        rates = subsidies.rates(levers=levers, following=self._levers_at(t + 1), f=f,
                                is_targeted=targeted,
                                targeted_spending=m.targeted_spending,
                                targeted_share=m.targeted_share, cap=gp.max_subsidy_rate)
        q.public_services_scale = m.public_services_scale
        public_demand = (government.public_service_demand(h=h, gp=gp, wage_index=m.wage_index,
                                                          scale=self.scale,
                                                          services_scale=m.public_services_scale)
                         + government.inspection_demand(
                             gp=gp, enforcement=levers.quality.enforcement,
                             live_firms=int(f.alive.sum()), wage_index=m.wage_index,
                             real_firms_per_agent=m.real_firms_per_agent))
        m.foreign_price_index = world.price_level(annual_inflation=p.world.inflation, t=t)
        m.national_price_index = self.national.price_level(t)
        export_demand = world.export_demand(growth_index=m.national_growth_index,
                                            wage_level=m.wage_level,
                                            world_price=m.foreign_price_index,
                                            elasticity=p.world.export_price_elasticity,
                                            demand_2016=m.export_demand_2016)
        outflow = world.export_demand(growth_index=m.national_growth_index,
                                      wage_level=m.wage_level,
                                      world_price=m.national_price_index,
                                      elasticity=p.china.outflow_price_elasticity,
                                      demand_2016=m.outflow_demand_2016)
        outside = export_demand + outflow
        return PolicyInForce(targeted=targeted, rates=rates,
                             subsidy_rate=rates.producer * targeted,
                             public_demand=public_demand, export_demand=outside,
                             outflow_share=np.divide(outflow, outside,
                                                     out=np.zeros(N_CATEGORIES),
                                                     where=outside > 0))

    def _labour(self, inforce: PolicyInForce) -> Hiring:
        """2. Labour market: the wage level; firms' labour demand (production, research,
        overhead) and the capital-goods sector's; separations and hires; wages and the
        research subsidy paid."""
        h, f, p, m, q = self.households, self.firms, self.p, self.macro, self.quarter
        m.wage_level = labour.wage_level(previous=m.wage_level, efficiency=h.efficiency,
                                         employed=h.employed,
                                         expected_inflation=m.expected_inflation, ep=p.economy)
        q.capital_price = capital_goods.price(m.wage_level)
        wanted, research, overhead = self._labour_demand(inforce)
        per_machine = capital_goods.labour_per_unit(cp=p.capital, growth_index=m.growth_index)
        public_orders = (m.public_investment_ordered + m.facilities_ordered + m.works_ordered
                         + m.dwellings_ordered)
        machine_makers = capital_goods.on_order(f=f, public=public_orders) * per_machine
        jobs = labour.match(
            workers=labour.Workers(employed=h.employed, employer=h.employer, kind=h.kind,
                                   region=h.region, efficiency=h.efficiency * self.scale),
            employers=labour.Employers(demand=wanted, region=f.region,
                                       priority=self.firm_draws("labour", 1)[0],
                                       sector_demand=machine_makers),
            separation_rates=np.array(by_kind(p.households.separation_rate)),
            matching=p.labour.matching_efficiency, rng=self.household_rng("labour"))
        h.employed, h.employer = jobs.employed, jobs.employer
        employed = labour.pooled(employed_labour=jobs.labour.sum() + jobs.sector_labour,
                                 demand=np.append(wanted, machine_makers))
        f.labour, q.capital_goods_labour = employed[:-1], float(employed[-1])
        f.research_labour, f.overhead_labour = innovation.research_and_overhead(
            labour=f.labour, research=research, overhead=overhead)
        # Research moves the frontier from 2016 on; while the burn-in runs (2016's
        # economy), the frontiers keep their pace at 2016's research, which is recorded.
        research = self.quarter.research = technology.research_by_category(f)
        if self.t < 0:
            m.research_2016 = research
        advance = technology.frontier_growth(research=research, reference=m.research_2016,
                                             fp=p.firms)
        step = technology.advance(advance=advance, f=f, embodied_share=p.firms.embodied_share)
        m.frontier = m.frontier + step.frontier
        m.category_technology = m.category_technology + advance
        # What firms add beyond the frontiers on the calibrated path (their own process
        # innovations, vintages, the shift of output to the more productive) is part of
        # the economy's productivity trend, which wages per efficiency unit follow; what
        # a scenario's selection adds beyond it lowers prices instead, and a wave of
        # exits raises no wage by itself (sim.economy.processes.technology.firms_pace).
        added = np.exp(technology.firms_pace(fp=p.firms, target=p.economy.productivity_growth))
        f.productivity = f.productivity * step.relative / added
        m.growth_index = (m.growth_index * np.exp(step.economy) * added if self.t >= 0 else
                          (1.0 + p.economy.productivity_growth) ** (self.t / 4.0))
        if self.t < 0 and (f.output[f.alive] > 0).any():  # (2016's: the burn-in's last)
            m.relative_productivity_2016 = technology.relative_productivity(f, p.firms)
        wage = labour.wages(employed=h.employed, efficiency=h.efficiency, wage_index=m.wage_index)
        f.wage_bill = m.wage_index * f.labour
        to_firms = float(f.labour.sum()) / max(float(employed.sum()), 1e-300)
        self.ledger.pay("wages", paid=f.wage_bill, received=wage * to_firms)
        self.ledger.pay("research_subsidy",
                        m.wage_index * f.research_labour * inforce.subsidy_rate)
        return Hiring(wage=wage, firms_share=to_firms, per_machine=per_machine,
                      public_orders=public_orders)

    def _labour_demand(self, inforce: PolicyInForce
                       ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The labour each firm wants, and its research and overhead parts, efficiency
        units: production for expected sales within the capacity of its staff (the
        services lever and public facilities scale it) and of its capital with the
        machines due this quarter; research from last quarter's revenue; overhead."""
        f, p, m, fp = self.firms, self.p, self.macro, self.p.firms
        capacity = production.capacity_multiplier(
            category=f.category, capacity_lever=self.levers.services.capacity,
            growth=fp.service_capacity_growth, t=self.t,
            facilities=facilities.capacity_added(
                stock=m.service_facilities, providers_capital_2016=m.providers_capital_2016))
        staff = production.labour_demand(
            f=f, fp=fp, growth_index=m.growth_index, capacity=capacity,
            capital_capacity=investment.capacity(
                capital=f.capital + f.ordered_capital + f.ordered_fitout, cp=p.capital))
        research = innovation.research_labour_demand(f=f, fp=fp, wage_index=m.wage_index,
                                                     subsidy_rate=inforce.subsidy_rate)
        overhead = production.overhead_labour(f=f, overhead=m.overhead_labour)
        return staff + research + overhead, research, overhead

    def _capital_goods(self, hiring: Hiring) -> None:
        """2. Capital wears out; the capital-goods sector delivers last quarter's orders
        and pays its wages, taxes and profit; firms produce with the labour and capital
        they have."""
        h, f, p, m, q, ledger = (self.households, self.firms, self.p, self.macro,
                                 self.quarter, self.ledger)
        fp, cp = p.firms, p.capital
        q.depreciation = worn = investment.depreciation(f=f, cp=cp)  # capital wears out
        f.capital -= worn
        self.goods.retire(worn)
        made = capital_goods.deliver(f=f, public=hiring.public_orders,
                                     output=q.capital_goods_labour / hiring.per_machine)
        self._embody(made.capacity + made.fitout)
        sales = self._deliver_capital_goods(made, q.capital_price)
        sector = capital_goods.accounts(sales=sales, wages=m.wage_index * q.capital_goods_labour,
                                        tax_rate=p.government.production_tax,
                                        dividend_tax=fp.dividend_tax)
        ledger.pay("capital_goods_wages", hiring.wage * (1.0 - hiring.firms_share))
        ledger.pay("capital_goods_tax", sector.tax)
        ledger.pay("capital_goods_dividends", to_owners(total=sector.dividends,
                                                        owner_weight=h.owner_weight,
                                                        scale=self.scale))
        ledger.pay("capital_goods_dividend_tax", sector.dividend_tax)
        f.output = production.output(f=f, fp=fp, growth_index=m.growth_index,
                                     capital_capacity=investment.capacity(capital=f.capital, cp=cp))
        self._check("the labour market")

    def _incomes(self, hiring: Hiring) -> incomes.IncomeFlows:
        """3. Incomes: benefits, transfers, interest, taxes and contributions, and the
        subsidy's cash transfer."""
        h, p, m, ledger = self.households, self.p, self.macro, self.ledger
        self.quarter.income_tax_rate = m.income_tax_rate
        flows = incomes.flows(
            h=h, wage=hiring.wage, transfer_pc=incomes.transfer_per_person(h=h, hp=p.households),
            terms=incomes.IncomeTerms(wage_index=m.wage_index,
                                      replacement=p.labour.unemployment_replacement,
                                      deposit_rate=self.national.at(self.t).deposit_rate,
                                      income_tax_rate=self.quarter.income_tax_rate),
            gp=p.government)
        for purpose in INCOME_FLOWS:
            ledger.pay(purpose, getattr(flows, purpose))
        residents = float(h.persons.sum()) * self.scale
        ledger.pay("cash_transfer", subsidies.cash_per_person(levers=self.levers,
                                                              residents=residents) * h.persons)
        self._check("incomes")
        return flows

    def _living_costs(self, inforce: PolicyInForce) -> LivingCosts:
        """4. The prices households face (net of rebates, with the rural surcharge) and
        the cost of each household's subsistence basket."""
        h, m = self.households, self.macro
        unit_prices = prices.household_prices(category_index=m.category_price_index,
                                              rebate_by_category=inforce.rates.rebate_by_category,
                                              rural_surcharge=m.rural_surcharge)
        basket = prices.basket(self.p.households.subsistence)
        basic_cost = prices.subsistence_cost(kind=h.kind, persons=h.persons, prices=unit_prices,
                                             quantities=basket)
        return LivingCosts(unit_prices=unit_prices, basket=basket, basic_cost=basic_cost)

    def _credit(self, costs: LivingCosts) -> None:
        """4. Credit: debt service and defaults (a borrower who cannot pay after its
        subsistence cost is written off and excluded); the bank's expected losses and
        dividends."""
        h, p, m, ledger = self.households, self.p, self.macro, self.ledger
        debt = credit.service(h=h, basic_cost=costs.basic_cost,
                              annual_rate=self.levers.credit.interest_rate, bp=p.bank)
        ledger.pay("loan_interest", debt.interest)
        ledger.pay("loan_repayment", debt.principal)
        written_off = ledger.pay("loan_writeoff", debt.written_off)
        h.excluded_until = np.where(debt.defaulted, self.t + p.bank.exclusion_quarters,
                                    h.excluded_until).astype(h.excluded_until.dtype)
        h.credit_access = h.credit_access & ~debt.defaulted
        m.expected_loss_rate = credit.expected_loss_rate(previous=m.expected_loss_rate,
                                                         written_off=written_off,
                                                         loans=ledger.opening_loans,
                                                         weight=p.bank.provision_weight)
        dividend = credit.bank_dividend(net_worth=ledger.bank_net_worth,
                                        equity_target=self.bank.equity_target,
                                        provision=m.expected_loss_rate * ledger.loan_book)
        ledger.pay("bank_dividends", to_owners(total=dividend, owner_weight=h.owner_weight,
                                               scale=self.scale))
        self._check("credit")

    def _budget(self, inforce: PolicyInForce, costs: LivingCosts,
                flows: incomes.IncomeFlows) -> Budget:
        """5. The consumption budget (borrowing what deposits cannot cover) and its
        allocation over categories (public rental housing lowers the rent paid)."""
        h, p, levers = self.households, self.p, self.levers
        hp = p.households
        line_as_buffer = credit.line_as_buffer(annual_rate=levers.credit.interest_rate,
                                               share_at_reference=hp.credit_buffer_offset,
                                               bp=p.bank)
        exposure = consumption.uninsured_exposure(h=h, hp=hp,
                                                  replacement=p.labour.unemployment_replacement)
        budget = consumption.budget(h=h, basic_cost=costs.basic_cost, hp=hp,
                                    line_as_buffer=line_as_buffer, exposure=exposure,
                                    pension_accrual=flows.pension_contributions)
        self.ledger.pay("consumer_loans", np.maximum(0.0, budget - h.deposits))
        rent = policy.rent_allowance(h=h, coverage=levers.migrant.public_service_coverage,
                                     reach=levers.migrant.rental_housing,
                                     allowance=p.government.rent_allowance_share)
        plan = consumption.allocate(h=h, budget=budget,
                                    need_per_person=costs.unit_prices * costs.basket, hp=hp,
                                    rebate_by_category=inforce.rates.rebate_by_category,
                                    rent_allowance=rent)
        return Budget(line_as_buffer=line_as_buffer, exposure=exposure, amount=budget,
                      rent=rent, plan=plan)

    def _buying_ahead(self, inforce: PolicyInForce, budget: Budget) -> Planned:
        """6. Goods bought ahead of plan are used first; coupons are redeemed, topping up
        to their thresholds by buying ahead; a rebate about to fall pulls purchases
        forward."""
        h, q, hp = self.households, self.quarter, self.p.households
        plan, rates, sub = budget.plan, inforce.rates, self.levers.subsidy
        used = durables.used(planned=plan.planned, ahead=h.durables_ahead)
        h.durables_ahead -= used
        ahead = durables.reach(planned=plan.planned, ahead=h.durables_ahead,
                               quarters=hp.pull_forward_quarters)
        plan.planned -= used
        spare = h.deposits + credit.spare_lines(h=h) - budget.amount
        held = coupons.allot(claim_draw=self.household_rng("coupons").random(len(h)),
                             takeup=sub.coupon_takeup, issued=subsidies.coupons_issued(self.levers),
                             validity_weeks=sub.coupon_validity_weeks, scale=self.scale)
        coupon_terms = coupons.CouponTerms(eligible=subsidies.eligible_categories(sub.categories),
                                           face=sub.coupon_face_value,
                                           threshold=sub.coupon_threshold,
                                           validity_weeks=sub.coupon_validity_weeks)
        q.coupons = coupons.redeem(held=held, planned=plan.planned, reach=ahead, spare=spare,
                                   terms=coupon_terms, response=hp.coupon_spending_response)
        bought_ahead = q.coupons.top_up + durables.rebate_advance(
            planned=plan.planned, ahead=h.durables_ahead, rebate=rates.rebate_by_category,
            next_rebate=rates.rebate_next_by_category,
            spare=spare - q.coupons.top_up.sum(axis=1), hp=hp)
        plan.planned += bought_ahead
        h.durables_ahead += bought_ahead
        if used.any() or bought_ahead.any():
            plan = consumption.totals(plan.planned)
        return Planned(plan=plan, coupon_terms=coupon_terms)

    def _health(self, inforce: PolicyInForce, planned: Planned) -> PublicPurchases:
        """6. Health shocks (paid from deposits, then credit) and instalment credit; the
        insurer buys its part of the care from the providers, served with the other
        public purchases."""
        h, p, q, ledger = self.households, self.p, self.quarter, self.ledger
        plan = planned.plan
        shocks = health.shocks(h=h, planned_total=plan.total, spare_credit=credit.spare_lines(h=h),
                               rng=self.household_rng("health"), hp=p.households)
        ledger.pay("consumer_loans", np.maximum(0.0, plan.total + shocks.cost - h.deposits))
        ill = np.flatnonzero(shocks.shocked)
        plan.planned[ill, HEALTHCARE] += shocks.cost[ill]
        q.health_shocked = shocks.shocked
        public_demand = inforce.public_demand.copy()
        public_demand[HEALTHCARE] += self.scale * float(shocks.insured.sum())
        insured_share = (self.scale * float(shocks.insured.sum()) / public_demand[HEALTHCARE]
                         if public_demand[HEALTHCARE] > 0 else 0.0)
        share = credit.instalment_share(annual_rate=self.levers.credit.interest_rate, bp=p.bank)
        ledger.pay("consumer_loans", credit.instalments(durable=plan.durable, h=h, share=share))
        self._check("the consumption budget")
        return PublicPurchases(demand=public_demand, insured_share=insured_share)

    def _goods_market(self, inforce: PolicyInForce, planned: Planned,
                      public: PublicPurchases) -> Market:
        """7. Firms declare their quality, buyers choose suppliers and the market clears
        (unsold services are lost)."""
        h, f, p, m, q, levers = (self.households, self.firms, self.p, self.macro, self.quarter,
                                 self.levers)
        fp = p.firms
        f.declared = quality.declarations(f=f, enforcement=levers.quality.enforcement, fp=fp,
                                          t=self.t)
        world_price = p.market.foreign_price * m.foreign_price_index
        offer = choice.options(
            f=f, terms=choice.OfferTerms(min_standard=levers.quality.min_standard,
                                         wage_level=m.wage_level, targeted=inforce.targeted,
                                         producer_rate=inforce.rates.producer,
                                         price_gap=levers.outbound.price_gap,
                                         world_price=world_price,
                                         provinces=self._provinces_offer()),
            quality_cost=fp.quality_cost, real_firms_per_agent=m.real_firms_per_agent,
            mp=p.market)
        taste = choice.household_taste(h=h, reference_income_pc=m.reference_income_pc,
                                       income_elasticity=p.households.quality_taste_income_elasticity)
        chosen = choice.choose(
            opt=offer,
            buyers=choice.Buyers(households=h, taste=taste, taste_edges=m.taste_edges,
                                 planned=planned.plan.planned, scale=self.scale,
                                 export_demand=inforce.export_demand, public_demand=public.demand),
            wedges=choice.Wedges(rural_surcharge=m.rural_surcharge,
                                 rebate_rate=inforce.rates.rebate),
            f=f, mp=p.market)
        available = clearing.supply(f)
        market = q.clearing = clearing.clear(chosen=chosen, available=available,
                                             nest_scale=p.market.foreign_nest_scale)
        f.demand, f.sales = market.units_demanded, market.units_sold
        f.inventory = np.where(GOODS[f.category], available - f.sales, 0.0)
        self.goods.lose(np.where(GOODS[f.category], 0.0, available - f.sales))  # unsold services
        return Market(clearing=market, output=f.output.copy(), sales=f.sales.copy())

    def _settle(self, inforce: PolicyInForce, market: Market, planned: Planned,
                public: PublicPurchases, budget: Budget) -> None:
        """7. Payment: households pay firms, the world and duties; the government pays
        rebates, redeemed coupons, producer subsidies, rent allowances, public services,
        inspections and insured care; the world pays for exports."""
        h, f, p, m, ledger = self.households, self.firms, self.p, self.macro, self.ledger
        paid = settlement.settle(
            clearing=market.clearing, planned=planned.plan.planned, kind=h.kind, f=f,
            terms=settlement.PaymentTerms(targeted=inforce.targeted,
                                          rebate_rate=inforce.rates.rebate,
                                          producer_rate=inforce.rates.producer,
                                          price_gap=self.levers.outbound.price_gap,
                                          duty_share=p.market.duty_share_of_gap,
                                          outflow_share=inforce.outflow_share))
        h.spending, self.quarter.spending_by_kind = paid.spending, paid.by_kind
        ledger.pay("consumption", paid=paid.to_firms, received=paid.from_households)
        ledger.pay("consumption_abroad", paid.to_world)
        ledger.pay("import_duties", paid.duties)
        ledger.pay("consumer_subsidy", paid.rebates + coupons.paid(
            redemption=self.quarter.coupons, realised=paid.spending, terms=planned.coupon_terms))
        ledger.pay("producer_subsidy", paid.producer_subsidy)
        ledger.pay("rent_allowance", budget.rent * paid.spending[:, HOUSING])
        ledger.pay("exports", paid.exports)
        ledger.pay("purchases_from_provinces", paid.to_provinces)
        ledger.pay("sales_to_provinces", paid.to_other_provinces)
        inspected = f.category == government.INSPECTIONS
        insured = np.where(f.category == HEALTHCARE, public.insured_share * paid.public_services,
                           0.0)
        ledger.pay("public_services",
                   np.where(inspected, 0.0, paid.public_services - insured))
        ledger.pay("inspections", np.where(inspected, paid.public_services, 0.0))
        ledger.pay("health_insurance", insured)
        f.revenue, f.export_share = paid.revenue, paid.export_share
        m.targeted_spending, m.targeted_share = paid.targeted_spending, paid.targeted_share
        self._check("the goods market", "spending")

    def _housing(self, budget: Budget, flows: incomes.IncomeFlows) -> None:
        """7b. Saving beyond the liquid buffer's growth buys dwellings off plan, built by
        the capital-goods sector next quarter."""
        h, m = self.households, self.macro
        bought = housing.purchases(
            planned=housing.planned(h=h, hp=self.p.households,
                                    line_as_buffer=budget.line_as_buffer,
                                    exposure=budget.exposure,
                                    pension_accrual=flows.pension_contributions),
            deposits=h.deposits)
        homes = self.ledger.pay("housing_investment", bought)
        m.dwellings_ordered += homes / self.quarter.capital_price
        m.dwellings_prepaid += homes
        self._check("housing")

    def _quality(self, market: Market) -> None:
        """8. Quality risk: disappointments, remedies, inspections, fines and trust; a
        caught firm's declaration is corrected and it goes on probation."""
        f, p, q, levers = self.firms, self.p, self.quarter, self.levers
        risk = quality.risk_and_enforcement(
            h=self.households, f=f, clearing=market.clearing,
            scrutiny=quality.Scrutiny(enforcement=levers.quality.enforcement,
                                      protection=levers.protection.strength,
                                      notice=self.household_rng("quality"),
                                      inspect_draw=self.firm_draws("quality", 1)[0]),
            p=p, scale=self.scale)
        self.ledger.pay("remedies", paid=risk.charged, received=risk.refund)
        self.ledger.pay("fines", risk.fines)
        f.declared = np.where(risk.caught, f.quality, f.declared)
        f.probation_until = np.where(risk.caught, self.t + p.firms.probation_quarters,
                                     f.probation_until).astype(f.probation_until.dtype)
        q.recalls, q.mean_trust = int(risk.caught.sum()), risk.mean_trust
        self._check("quality and trust", "trust")

    def _pricing_and_profits(self, market: Market) -> None:
        """9. Firms: markups from competition (read this quarter's unsold stock, before
        it decays), plans, interest, taxes and profit."""
        f, p, m, q, ledger = self.firms, self.p, self.macro, self.quarter, self.ledger
        fp = p.firms
        target = pricing.competitive_markup(clearing=market.clearing, n_firms=len(f),
                                            mp=p.market, fallback=f.markup,
                                            real_firms_per_agent=m.real_firms_per_agent)
        f.markup = pricing.markups(
            f=f, target=target * pricing.market_power(f=f, revenue=pricing.demand_value(f), fp=fp),
            fp=fp)
        plans = firms.plan(f=f, fp=fp, trend=(1.0 + p.economy.productivity_growth) ** 0.25)
        self.goods.lose(fp.inventory_decay * f.inventory * GOODS[f.category])  # stocks decay
        f.inventory, f.expected_demand = plans.inventory, plans.expected_demand
        ledger.pay("firm_loan_interest", firms.overdraft_interest(
            f=f, annual_rate=self.national.at(self.t).loan_rate))
        ledger.pay("production_tax", firms.production_tax(f=f, rate=p.government.production_tax))
        # (capital bought is investment, not a cost; its wear is)
        f.profit = f.cash - ledger.opening_cash + q.capitalised - q.capital_price * q.depreciation
        f.loss_quarters = firms.losses(f)

    def _dividends(self) -> None:
        """9. Firms pay out `payout` of the cash above their target that their owners
        did not put into entrants, net of dividend tax."""
        h, f, fp, ledger = self.households, self.firms, self.p.firms, self.ledger
        gross = firms.dividends(f=f, fp=fp)
        tax = fp.dividend_tax * gross
        net = gross - tax
        ledger.pay("dividends", paid=net, received=to_owners(total=net.sum(),
                                                             owner_weight=h.owner_weight,
                                                             scale=self.scale))
        ledger.pay("dividend_tax", tax)

    def _innovation(self, market: Market) -> None:
        """9. Research finds innovations and imitations; firms adopt what appeals to their
        buyers; the transitory part of each firm's productivity moves."""
        f, m, q = self.firms, self.macro, self.quarter
        found = innovation.search(f=f, research_reference=m.research_reference,
                                  appeal=innovation.appeal_of_quality(market.clearing),
                                  fp=self.p.firms, mp=self.p.market,
                                  draws=self.firm_draws("innovation", 13))
        f.quality, f.productivity = found.quality, found.productivity
        if self.p.firms.productivity_shock_sd > 0.0:  # (none by default: see its source)
            # the transitory part of productivity moves (sim.economy.processes.technology)
            shock = np.where(f.alive, technology.shocked(
                shock=f.productivity_shock, draw=self.firm_draws("productivity", 1)[0],
                fp=self.p.firms), f.productivity_shock)
            f.productivity = f.productivity * np.exp(shock - f.productivity_shock)
            f.productivity_shock = shock
        f.innovations += found.innovated
        f.imitations += found.imitated
        q.innovations, q.imitations = int(found.innovated.sum()), int(found.imitated.sum())

    def _exit_and_entry(self, inforce: PolicyInForce, market: Market) -> None:
        """9. Bankruptcy, upgrades, the minimum standard, exit and entry; firms order the
        capital next quarter's demand needs."""
        f, p, m, q, levers = self.firms, self.p, self.macro, self.quarter, self.levers
        fp = p.firms
        line = self._credit_line()  # (a closing firm's line is not read again)
        self._close(entry_exit.insolvent(f=f, line=line), bankrupt=True)
        self._upgrade(upgrades.demand_pull(f=f, clearing=market.clearing,
                                           funding=self._funding(inforce.subsidy_rate, line),
                                           draw=self.firm_draws("firms", 1)[0], fp=fp,
                                           mp=p.market),
                      build_quarters=p.capital.upgrade_build_quarters)
        self._comply_with_standards(inforce.subsidy_rate)
        self._close(entry_exit.failing(
            f=f, fp=fp, t=self.t,
            patience=entry_exit.patience(draw=self.firm_constants("patience"), fp=fp)))
        self._enter(entry_exit.entrants(
            f=f, p=p, terms=entry_exit.EntryTerms(entry_cost=levers.market_access.entry_cost,
                                                  min_standard=levers.quality.min_standard,
                                                  real_firms_per_agent=m.real_firms_per_agent,
                                                  capital_price=q.capital_price,
                                                  frontier=m.frontier),
            t=self.t, rng=self.rng_for("entry")))
        f.ordered_capital += investment.orders(
            f=f, cp=p.capital, headroom=self._headroom(), capital_price=q.capital_price,
            collateral_share=collateral_share(p.bank.firm_leverage_limit),
            trend=(1.0 + p.economy.productivity_growth) ** 0.25 - 1.0)
        self._check("the firms")

    def _government(self, hiring: Hiring, flows: incomes.IncomeFlows) -> None:
        """10. Government: rural logistics, service facilities and public works (ordered
        from the capital-goods sector), interest on its debt, the centre's share of taxes
        and its transfers; next quarter's income tax rate and public-service purchases
        (how a deficit beyond the room within the debt quota is financed)."""
        p, m, ledger, levers = self.p, self.macro, self.ledger, self.levers
        gp, price = p.government, self.quarter.capital_price
        spend = government.spending(logistics_investment=levers.rural_logistics.investment,
                                    facilities_investment=levers.services.investment,
                                    works=levers.public.works,
                                    live_firms=int(self.firms.alive.sum()),
                                    debt=self.government.debt,
                                    bond_rate=p.economy.government_bond_rate,
                                    wage_index=m.wage_index)
        m.public_investment_ordered += spend.rural_infrastructure / price
        m.facilities_ordered += spend.service_facilities / price
        m.works_ordered += spend.public_works / price
        ledger.pay("government_interest", spend.interest)
        # Tax sharing: the centre's share of this quarter's taxes goes out, its transfers
        # come in: an input growing with the nation's nominal GDP, set while the burn-in
        # runs so that the 2016 budget keeps the debt on its quota's path
        # (government.transfers_closing).
        trend = m.national_growth_index * m.national_price_index
        ledger.pay("central_taxes", government.central_taxes(
            collected={purpose: ledger.total(purpose) for purpose in government.SHARED_TAXES},
            gp=gp))
        if self.t < 0:
            m.central_transfers_2016 = government.transfers_closing(
                level=m.central_transfers_2016, deficit=ledger.primary_deficit(),
                debt=self.government.debt - ledger.primary_deficit() - spend.interest,
                interest=spend.interest, growth=self._nominal_growth(), trend=trend,
                first=self.t == -self.burn_in)
            m.debt_2016 = self.government.debt
        ledger.pay("central_transfers", m.central_transfers_2016 * trend)
        # (the financing rules finance programmes and hold the quota: in the burn-in,
        # with no programme, the government keeps 2016's tax rate and purchases)
        if self.t >= 0:
            deficit = ledger.primary_deficit()
            quota = government.debt_quota(debt_2016=m.debt_2016,
                                          headroom=gp.debt_limit_headroom, trend=trend)
            budget = government.borrowing_room(
                quota=quota, debt=self.government.debt - deficit - spend.interest,
                interest=spend.interest)
            m.income_tax_rate = government.income_tax_rate(
                rate=m.income_tax_rate, deficit=deficit, budget=budget,
                taxed=self.scale * float((hiring.wage + flows.deposit_interest).sum()),
                share=gp.tax_financing, quarters=gp.tax_financing_quarters)
            m.public_services_scale = government.public_services_scale(
                scale=m.public_services_scale, deficit=deficit, budget=budget,
                outlay=ledger.total("public_services"), share=gp.spending_financing,
                quarters=gp.tax_financing_quarters)

    def _nominal_growth(self) -> float:
        """The nation's quarterly nominal growth: its output per person and national
        inflation."""
        p = self.p
        return ((1.0 + p.china.productivity_growth) * (1.0 + p.china.inflation)) ** 0.25 - 1.0

    def _hukou(self) -> None:
        """11. Hukou conversion: settling migrants become urban and earn the premium."""
        h, q = self.households, self.quarter
        q.kind = h.kind.copy()
        converts = migration.conversions(kind=h.kind,
                                         annual_rate=self.levers.migrant.hukou_conversion_rate,
                                         rng=self.household_rng("migration"))
        h.kind = np.where(converts, URBAN, h.kind).astype(h.kind.dtype)
        h.skill = migration.earnings_after(skill=h.skill, converts=converts,
                                           premium=self.p.households.hukou_wage_premium)
        h.refresh()  # (the premium raises their labour supply in efficiency units)
        q.conversions = int(converts.sum())

    def _migration(self) -> tuple[int, int]:
        """0. Migrant households arrive from the other provinces when the income they
        expected here last quarter rose above 2016's, and leave when it fell (from 2016;
        the burn-in records what they expected then). (At the opening of the quarter:
        every table of the quarter then has the same households.) Returns the arrivals
        and departures (household agents)."""
        h, m, hp = self.households, self.macro, self.p.households
        expected = interprovincial.expected_income(kind=h.kind, employed=h.employed,
                                                   wage_level=m.wage_level,
                                                   national_price=m.national_price_index)
        if self.t < 0:
            m.migrants_2016 = float((h.origin == MIGRANT).sum())
            m.expected_income_2016 = expected
            return 0, 0
        desired = interprovincial.desired_migrants(
            reference=m.migrants_2016, expected=expected,
            reference_expected=m.expected_income_2016, elasticity=hp.migration_elasticity)
        moving = interprovincial.moves(kind=h.kind, origin=h.origin, employed=h.employed,
                                       debt=h.debt,
                                       desired=desired, speed=hp.migration_speed,
                                       rounding=float(self.rng_for("interprovincial").random()),
                                       luck=self.household_rng("interprovincial").random(len(h)))
        if len(moving.departures):
            leaving = np.zeros(len(h))
            leaving[moving.departures] = h.deposits[moving.departures]
            self.ledger.pay("migrant_departures", leaving)
            h.keep(np.flatnonzero(~np.isin(np.arange(len(h)), moving.departures)))
            h.owner_weight = h.owner_weight / h.owner_weight.sum()  # (stakes sold on)
        if len(moving.arrivals):
            keys = ARRIVED_KEYS + (self.t + self.burn_in + 1) * 2**20 + np.arange(
                len(moving.arrivals))
            rows = h.append_copies(moving.arrivals, key=keys, employed=False, employer=-1,
                                   income=0.0,
                                   deposits=0.0, debt=0.0, credit_access=False,
                                   credit_limit=0.0, excluded_until=NEVER, spending=0.0,
                                   durables_ahead=0.0, owner_weight=0.0)
            savings = np.zeros(len(h))
            savings[rows] = (hp.migrant_arrival_savings * m.wage_index
                             * h.efficiency[rows])
            self.ledger.pay("migrant_arrivals", savings)
        if len(moving.departures) or len(moving.arrivals):
            self._forget_household_agents()
        return len(moving.arrivals), len(moving.departures)

    def _next_quarter(self, inforce: PolicyInForce) -> None:
        """12. Prices and permanent income for next quarter."""
        h, f, m, hp = self.households, self.firms, self.macro, self.p.households
        m.category_price_index = prices.category_price_index(
            f=f, targeted=subsidies.targeted(f=f, categories=self.levers.subsidy.categories),
            wage_level=m.wage_level, producer_rate=inforce.rates.producer,
            previous=m.category_price_index)
        h.permanent_income = incomes.permanent_income(previous=h.permanent_income, income=h.income,
                                                      weight=hp.permanent_income_weight,
                                                      growth=housing.quarterly_growth(hp))

    def _close_quarter(self, wealth_at_start: dict[str, float], market: Market) -> None:
        """12. Checks and outcomes: the numerical guards, the goods account and the
        ledger's stock-flow check; the quarter's outcome row is recorded (in the burn-in,
        export demand closes the labour market)."""
        h, f, p, m, q, t = self.households, self.firms, self.p, self.macro, self.quarter, self.t
        self._check("the quarter", full=True)
        self.goods.close(f, market.output, market.sales)
        worth = self._welfare() if t >= 0 else None
        measured = measures.measure(h=h, f=f, ledger=self.ledger, q=q, macro=m, p=p,
                                    welfare=worth)
        q.kind_price_index = measured.kind_price_index
        row = measures.outcome_row(measured)
        self._expectations(row["cpi"])
        row["ledger_residual"] = accounting.close_quarter(self.ledger, wealth_at_start, row["gdp"])
        record = {"step": t, "quarter": quarter_label(p.start, t), "scenario": self.scenario,
                  **row}
        if t < 0:
            self.burn_in_records.append(record)
            self._trade_closure(row, market)
            return
        self.records.append(record)
        self.datacollector.collect(self)
        self.running = t + 1 < int(p.steps)

    def _welfare(self) -> measures.Welfare:
        """12. What each household's consumption this quarter is worth in yuan of the
        opening's choice set (sim.economy.processes.welfare), at its status-quo reach."""
        h, q, mp = self.households, self.quarter, self.p.market
        clearing = q.clearing
        opening_online = policy.reach(h=h, levers=self.status_quo, hp=self.p.households,
                                      t=self.t).online
        needed_now, needed_then = welfare.needed_rows(segment=clearing.segment,
                                                      opening_online=opening_online)
        now = welfare.values_now(clearing=clearing, mp=mp, needed=needed_now)
        then = welfare.values_then(opening=self.opening_choices, taste=clearing.taste, mp=mp,
                                   needed=needed_then)
        q.welfare = welfare.money_metric(spending=h.spending, segment=clearing.segment,
                                         opening_online=opening_online, now=now, then=then)
        return measures.Welfare(by_household=q.welfare,
                                opening_pc=self.opening_choices.spending_pc)

    def _expectations(self, cpi: float) -> None:
        """12. Wage setters update the inflation they expect from this quarter's
        consumer prices and the national anchor (from 2016: while the burn-in settles,
        its prices are no history anyone learns from, and the expectation stays at its
        2016 value, economy.expected_inflation)."""
        m, ep = self.macro, self.p.economy
        if self.t < 0:
            return
        m.cpi_history = expectations.remembered(history=m.cpi_history, cpi=cpi)
        m.expected_inflation = expectations.expected_inflation(
            expected=m.expected_inflation, history=m.cpi_history,
            national=self.national.at(self.t).inflation, gain=ep.expectations_gain,
            anchor=ep.expectations_anchor)

    def _trade_closure(self, row: dict[str, float], market: Market) -> None:
        """12. While the burn-in runs, demand from outside the province (the world's and
        the other provinces', in their 2016 proportions) closes the labour market at
        the 2016 unemployment rate (sim.economy.processes.world), and the other
        provinces' varieties move their share of households' spending on each category
        of goods to its 2016 figure (sim.economy.processes.provinces)."""
        h, f, p, m = self.households, self.firms, self.p, self.macro
        closure = world.closure(demand_2016=np.ones(1), employment_rate=row["employment_rate"],
                                target_rate=1.0 - p.economy.initial_unemployment,
                                labour_supply=float(h.efficiency.sum()) * self.scale,
                                export_labour=float((f.labour * f.export_share).sum()),
                                speed=p.world.burn_in_closure_speed)[0]
        m.export_demand_2016 = m.export_demand_2016 * closure
        m.outflow_demand_2016 = m.outflow_demand_2016 * closure
        m.provinces_log_varieties = provinces.preference_step(
            log_varieties=m.provinces_log_varieties,
            share=provinces.household_share(market.clearing),
            target=provinces.inflow_target(p.china))

    def _provinces_offer(self) -> choice.ProvincesOffer:
        """The other provinces' goods on Guangdong's shelves this quarter."""
        m, f = self.macro, self.firms
        quality = provinces.category_quality(f=f)
        return choice.ProvincesOffer(
            price=provinces.inflow_prices(reference=m.provinces_price_2016, quality=quality,
                                          quality_cost=self.p.firms.quality_cost,
                                          national_price=m.national_price_index),
            quality=quality, log_varieties=m.provinces_log_varieties)

    # ------------------------------------------------------------------ firm events
    def _upgrade(self, ups: upgrades.Upgrades, build_quarters: float) -> None:
        """Firms order quality steps (retooling) from the capital-goods sector: built
        over `build_quarters` from next quarter, each part paid and in effect on
        delivery."""
        f = self.firms
        if len(ups.rows) == 0:
            return
        np.add.at(f.ordered_upgrade, ups.rows, ups.cost / self.quarter.capital_price)
        np.add.at(f.ordered_quality, ups.rows, ups.step)
        f.upgrade_pace[ups.rows] = f.ordered_upgrade[ups.rows] / build_quarters
        f.upgrades[ups.rows] += 1
        self.quarter.upgrades += len(ups.rows)

    def _embody(self, delivered: np.ndarray) -> None:
        """The machines delivered carry their category's frontier: each firm's embodied
        technology, their output-weighted mean and each firm's productivity relative to
        it move (sim.economy.processes.technology)."""
        f, m = self.firms, self.macro
        before, mean_before = f.technology, m.technology
        f.technology = technology.embodied(technology=before, kept=f.capital,
                                           delivered=delivered, frontier=m.frontier[f.category])
        mean_after = technology.mean_technology(technology=f.technology, output=f.output,
                                                alive=f.alive, previous=mean_before)
        f.productivity = f.productivity * np.exp((f.technology - before)
                                                 - (mean_after - mean_before))
        m.technology = mean_after

    def _deliver_capital_goods(self, made: capital_goods.Deliveries, price: float) -> float:
        """The capital-goods sector delivers: firms and the government pay on delivery at
        `price`, households' dwellings were paid when bought; capital, quality and the
        public stocks (rural logistics, service facilities) rise; orders fall. Returns
        the sector's sales, yuan (the dwellings at what was paid for them)."""
        f, m, ledger = self.firms, self.macro, self.ledger
        ledger.pay("fixed_investment", price * made.capacity)
        ledger.pay("entry_cost", price * made.fitout)
        ledger.pay("upgrade_investment", price * made.upgrade)
        public_orders = (m.public_investment_ordered + m.facilities_ordered + m.works_ordered
                         + m.dwellings_ordered)
        filled = made.public / public_orders if public_orders > 0 else 0.0  # (pro rata)
        logistics_made = filled * m.public_investment_ordered
        facilities_made = filled * m.facilities_ordered
        works_made = filled * m.works_ordered
        dwellings_made, dwellings_sold = filled * m.dwellings_ordered, filled * m.dwellings_prepaid
        m.dwellings_ordered -= dwellings_made
        m.dwellings_prepaid -= dwellings_sold
        ledger.pay("rural_infrastructure", price * logistics_made)
        ledger.pay("service_facilities", price * facilities_made)
        ledger.pay("public_works", price * works_made)
        self.quarter.capitalised = price * (made.capacity + made.fitout)
        f.capital += made.capacity + made.fitout
        self.goods.install(made.capacity + made.fitout)
        self.goods.make_capital_goods(made.total, made.total)
        f.quality = np.minimum(1.0, f.quality + made.quality)
        f.ordered_capital -= made.capacity
        f.ordered_fitout -= made.fitout
        f.ordered_upgrade -= made.upgrade
        f.ordered_quality -= made.quality
        for column in (f.ordered_capital, f.ordered_fitout, f.ordered_upgrade,
                       f.ordered_quality):
            np.maximum(column, 0.0, out=column)  # (rounding)
        m.public_investment_ordered = max(0.0, m.public_investment_ordered - logistics_made)
        m.facilities_ordered = max(0.0, m.facilities_ordered - facilities_made)
        m.works_ordered = max(0.0, m.works_ordered - works_made)
        m.logistics_stock = logistics.stock_after(
            stock=m.logistics_stock, delivered=logistics_made,
            depreciation=self.p.government.infrastructure_depreciation)
        m.service_facilities = facilities.stock_after(stock=m.service_facilities,
                                                      delivered=facilities_made,
                                                      depreciation=self.p.capital.depreciation)
        return price * (made.total - dwellings_made) + dwellings_sold

    def _credit_line(self) -> np.ndarray:
        """Each firm's credit line now, yuan (rules.credit_line)."""
        return credit_line(f=self.firms, capital_price=self.quarter.capital_price,
                           wage_level=self.macro.wage_level, quality_cost=self.p.firms.quality_cost,
                           leverage=self.p.bank.firm_leverage_limit)

    def _headroom(self, line: np.ndarray | None = None) -> np.ndarray:
        """What each firm can still spend: cash plus credit line (`line`, or the current
        one) less its orders, yuan."""
        f = self.firms
        line = self._credit_line() if line is None else line
        return f.cash + line - committed(f=f, capital_price=self.quarter.capital_price)

    def _funding(self, subsidy_rate: np.ndarray,
                 line: np.ndarray | None = None) -> upgrades.Funding:
        """How each firm would pay for a quality step now: the producer subsidy's share
        of its cost (`subsidy_rate`), its credit line (`line`, or the current one) and its
        headroom."""
        line = self._credit_line() if line is None else line
        return upgrades.Funding(subsidy_rate=subsidy_rate, line=line, headroom=self._headroom(line))

    def _comply_with_standards(self, subsidy_rate: np.ndarray) -> None:
        """四（一）: firms know the minimum standard `firms.compliance_window` quarters
        ahead. Those below next quarter's standard upgrade or exit now; those below a
        standard announced for later upgrade, leave, or wait (upgrades.comply)."""
        f, fp, window = self.firms, self.p.firms, self.p.firms.compliance_window
        ahead = [self._levers_at(self.t + k).quality.min_standard
                 for k in (min(window, 1), window)]
        for standard, binding in ((ahead[0], True), (ahead[1], False)):
            ups, leaving = upgrades.comply(f=f, standard=standard, binding=binding,
                                           funding=self._funding(subsidy_rate),
                                           wage_level=self.macro.wage_level, fp=fp)
            # (rushed: a firm that must meet a standard has its retooling done by the
            # quarter it binds, as it was announced for: 四（一）)
            self._upgrade(ups, build_quarters=1.0)
            self._close(leaving)

    def _close(self, rows: np.ndarray, bankrupt: bool = False) -> None:
        """Close firms: workers are laid off, cash goes to owners, overdrafts are written
        off (`bankrupt`: on insolvency), and their agents leave the model."""
        if len(rows) == 0:
            return
        f, h = self.firms, self.households
        closing = entry_exit.closure(f=f, rows=rows)
        laid_off = np.isin(h.employer, rows)
        h.employed = h.employed & ~laid_off
        h.employer = np.where(laid_off, -1, h.employer).astype(h.employer.dtype)
        self.ledger.pay("liquidation", paid=closing.liquidation,
                        received=to_owners(total=closing.liquidation.sum(),
                                           owner_weight=h.owner_weight, scale=self.scale))
        self.ledger.pay("firm_debt_writeoff", closing.written_off)
        self.goods.lose(np.bincount(rows, weights=f.inventory[rows], minlength=len(f)))
        self.goods.retire(np.bincount(rows, weights=f.capital[rows], minlength=len(f)))
        f.capital[rows] = 0.0  # scrapped; orders not yet delivered are cancelled
        f.ordered_capital[rows] = f.ordered_fitout[rows] = f.ordered_upgrade[rows] = 0.0
        f.ordered_quality[rows] = 0.0
        f.alive[rows] = False
        f.died[rows] = self.t
        f.labour[rows] = f.research_labour[rows] = f.overhead_labour[rows] = 0.0
        f.expected_demand[rows] = f.inventory[rows] = 0.0
        for row in rows:
            agent = self.firm_agents.pop(int(row), None)  # (none in the burn-in)
            if agent is not None:
                agent.remove()
        self.quarter.exits += len(rows)
        self.quarter.bankruptcies += len(rows) if bankrupt else 0

    def _enter(self, entrants: entry_exit.Entrants) -> None:
        """Firms enter: the bank lends against their set-up and owners put in the rest
        out of their firms' retained profits (entry_exit.financing: those they cannot
        finance do not enter); they order their set-up (fit-out and equipment,
        the entry cost) from the capital-goods sector, paid on delivery, and expect a
        share of an incumbent's demand."""
        if len(entrants) == 0:
            return
        f = self.firms
        money = entry_exit.financing(
            f=f, fp=self.p.firms, entrants=entrants,
            category=entrants.attributes["category"],
            loan_share=collateral_share(self.p.bank.firm_leverage_limit))
        keep = np.flatnonzero(money.financed)
        if len(keep) == 0:
            return
        rows = f.extend(len(keep), **{k: v[keep] for k, v in entrants.attributes.items()},
                        born=self.t)
        if self.t >= 0:  # (the burn-in's firms get their agents when it ends)
            for row in rows:
                self.firm_agents[int(row)] = Firm(self, int(row))
        paid = np.zeros(len(f))
        paid[:len(money.paid)] = money.paid
        received = np.zeros(len(f))
        received[rows] = money.equity[keep]
        self.ledger.pay("entrant_equity", paid=paid, received=received)
        f.ordered_fitout[rows] = entrants.entry_cost[keep] / self.quarter.capital_price
        f.expected_demand[rows] = entrants.expected_demand[keep]
        self.quarter.entries += len(rows)

    # ------------------------------------------------------------------ helpers
    def _check(self, process: str, *tables: str, full: bool = False) -> None:
        """Numerical guards and the ledger's audit after `process`."""
        guards.check(self.households, self.firms, self.t, process, full, tables)
        self.ledger.audit(process)

    def rng_for(self, process: str) -> np.random.Generator:
        """This quarter's random generator of `process` (see streams.py)."""
        return stream(self.seed, process, self.t)

    def household_rng(self, process: str) -> HouseholdDraws:
        """This quarter's random numbers of `process`, a household's keyed by the
        household (streams.HouseholdDraws: paired across scenarios whoever moves)."""
        return HouseholdDraws(self.seed, process, self.t, self.households.key)

    def firm_draws(self, process: str, n: int) -> np.ndarray:
        """This quarter's `n` uniform draws of `process` for each firm row (n x firms),
        keyed by the firm, not its row (streams.keyed_uniforms)."""
        return keyed_uniforms(self.seed, process, self.t, self.firms.key, n)

    def firm_constants(self, trait: str) -> np.ndarray:
        """Each firm row's fixed uniform draw for `trait` (keyed by the firm and the
        trait, the same in every quarter and scenario)."""
        return keyed_uniforms(self.seed, "firms", TRAIT_QUARTER[trait], self.firms.key, 1)[0]

    def timeseries(self) -> pd.DataFrame:
        """One row per completed quarter with every outcome column."""
        return pd.DataFrame.from_records(self.records)

    @property
    def wage_index(self) -> float:
        """Nominal wage per efficiency unit relative to 2016."""
        return self.macro.wage_index

    # ------------------------------------------------------------------ Mesa's view
    # Households are Mesa agents, but their objects are made on first use: a quarter
    # never touches them, and at millions of households they would cost more than the
    # arrays (about 6 microseconds and 0.7 KB each; 3.8 million take ~25 s and 2.7 GB).
    def _forget_household_agents(self) -> None:
        """Households' rows moved: their Mesa agents, if made, are made anew on next
        use."""
        if self._household_agents is not None:
            for agent in self._household_agents:
                agent.remove()
            self._household_agents = None

    @property
    def household_agents(self) -> list[Household]:
        """Every household as a Mesa agent, in row order (created on first use)."""
        if self._household_agents is None:
            self._household_agents = [Household(self, row) for row in range(len(self.households))]
        return self._household_agents

    @property
    def agents(self) -> mesa.agent.AgentSet:
        """All agents, households included (see `household_agents`)."""
        self.household_agents  # noqa: B018 (makes the households' agents)
        return super().agents

    @property
    def agents_by_type(self) -> dict[type[mesa.Agent], mesa.agent.AgentSet]:
        """Agents by type, households included (see `household_agents`)."""
        self.household_agents  # noqa: B018
        return super().agents_by_type

    @property
    def agent_types(self) -> list[type]:
        """Agent types in the model, households included."""
        self.household_agents  # noqa: B018
        return super().agent_types
