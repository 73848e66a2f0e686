"""The economy: a Mesa model whose `step()` walks one quarter in the order of
MODEL.md section 4. Each step is a function in its own module; this file only wires
them together and holds the model's state.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import mesa
import numpy as np
import pandas as pd
from omegaconf import DictConfig, OmegaConf

from sim.config.compose import check, schedules
from sim.config.levers import flatten
from sim.config.params import resolve
from sim.economy import accounting, guards, outcomes, population
from sim.economy.agents import Firm, Household
from sim.economy.constants import (
    CAPACITY_SERVICES,
    CATEGORIES,
    EXPORTED,
    GOODS,
    N_CATEGORIES,
    quarter_label,
)
from sim.economy.ledger import Ledger
from sim.economy.memory import reuse_freed_memory
from sim.economy.processes import (
    consumption,
    credit,
    firms,
    government,
    incomes,
    labour,
    market,
    migration,
    policy,
    quality,
)
from sim.economy.processes.government import Government
from sim.economy.processes.policy import levers_at
from sim.economy.streams import stream


class RestOfWorld:
    """The rest of the world's account at the bank, yuan (negative: it owes the province)."""

    def __init__(self) -> None:
        self.account = 0.0


class EconomyModel(mesa.Model):
    """Guangdong's households and firms, one step per quarter from `start` (2016Q1).

    Args:
        cfg: a run config (see configs/config.yaml), as a Hydra DictConfig or a dict.

    Attributes:
        households: HouseholdTable, one row per household agent.
        firms: FirmTable, one row per firm ever alive.
        scale: real households each household agent stands for.
        bank: the one bank (deposits, loans, equity, loan losses).
        government: the government's account and fiscal state.
        world: the rest of the world's account.
        ledger: the quarter's payments and the bank's books.
        records: one outcome row per completed quarter (see `timeseries()`).
    """

    def __init__(self, cfg: DictConfig | Mapping[str, Any]) -> None:
        if not isinstance(cfg, DictConfig):
            cfg = OmegaConf.create(dict(cfg))
        check(cfg)
        reuse_freed_memory()  # large temporaries reuse their pages (see memory.py)
        p = resolve(cfg)
        super().__init__(seed=int(p.seed))
        self.p, self.scenario = p, p.scenario.name
        self.lever_targets = flatten(OmegaConf.to_container(cfg.policy, resolve=True))
        self.schedules = schedules(cfg)
        self.levers = levers_at(self.lever_targets, self.schedules, p.start, 0)
        self.seed = int(p.seed)
        self.t = -1  # the initial state draws as quarter -1
        self.records: list[dict[str, float]] = []

        self.households = population.build_households(
            p, int(p.population.households), self.rng_for("population"))
        self.firms = population.build_firms(p, self.rng_for("firms"))
        self.scale = p.population.persons_total / self.households.persons.sum()
        self.ledger = Ledger()
        self.world = RestOfWorld()
        self.government = Government(self)
        self._reset_quarter()
        self.growth_index = 1.0  # labour productivity, 2016 = 1
        self.wage_level = 1.0  # nominal unit labour cost, 2016 = 1
        self.foreign_price_index = 1.0
        self.category_price_index = np.ones(N_CATEGORIES)
        self.voucher_rate = np.zeros(N_CATEGORIES)
        self.voucher_rate_targeted = self.producer_rate = 0.0
        self.targeted_share = np.zeros(N_CATEGORIES)
        self.last_targeted_spending = 0.0
        self.export_demand_2016 = np.zeros(N_CATEGORIES)
        self._initialise()

        self.firm_agents = {row: Firm(self, row) for row in range(len(self.firms))}
        self._household_agents: list[Household] | None = None

    # ------------------------------------------------------------------ Mesa's view
    # Households are Mesa agents, but their objects are made on first use: a quarter
    # never touches them, and at millions of households they would cost more than the
    # arrays (about 6 microseconds and 0.7 KB each; 3.8 million take ~25 s and 2.7 GB).
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

    # ------------------------------------------------------------------ the quarter
    def step(self) -> None:
        """One quarter, in the order of MODEL.md section 4."""
        self.t = self.steps - 1
        self.growth_index = (1.0 + self.p.economy.productivity_growth) ** (self.t / 4.0)
        self._reset_quarter()

        guard = self._guard
        policy.apply_levers(self)  # 1. policy in force
        government.set_rates(self)
        labour.run(self)  # 2. labour market, wages, output
        guard("the labour market")
        incomes.run(self)  # 3. transfers, interest, taxes
        guard("incomes")
        credit.service_debt(self)  # 4. credit: repayment, default
        guard("credit")
        budget = consumption.plan_budget(self)  # 5. budget (and borrowing)
        planned, total, durable = consumption.allocate(self, budget)  # 6. LES allocation
        consumption.health_shocks(self, planned, total)
        credit.finance_durables(self, durable)
        guard("the consumption budget")
        quality.set_declarations(self)
        clearing = market.clear(self, planned)  # 7. supplier choice, clearing
        market.settle(self, planned, clearing)
        guard("the goods market", "spending")
        quality.run(self, clearing)  # 8. quality risk, trust, enforcement
        guard("quality and trust", "trust")
        firms.run(self, clearing)  # 9. firms
        guard("the firms")
        government.run(self)  # 10. government
        kind = self.households.kind.copy()
        migration.run(self)  # 11. hukou conversion
        self._update_prices()  # 12. accounting and data
        self._update_permanent_income()
        guard("the quarter", full=True)
        row = outcomes.collect(self, clearing, kind)
        row["ledger_residual"] = accounting.close_quarter(self, row["gdp"])
        self.records.append({"step": self.t, "quarter": quarter_label(self.p.start, self.t),
                             "scenario": self.scenario, **row})

    # ------------------------------------------------------------------ helpers
    def timeseries(self) -> pd.DataFrame:
        """One row per completed quarter with every outcome column."""
        return pd.DataFrame.from_records(self.records)

    @property
    def wage_index(self) -> float:
        """Nominal wage per efficiency unit relative to 2016: productivity times the
        wage level."""
        return self.growth_index * self.wage_level

    def _guard(self, process: str, *tables: str, full: bool = False) -> None:
        guards.check(self, process, full, tables)

    def rng_for(self, process: str) -> np.random.Generator:
        """This quarter's random generator of `process` (see streams.py)."""
        return stream(self.seed, process, self.t)

    def service_capacity(self, f) -> np.ndarray:
        """Multiplier of the services-capacity lever for each firm (二（一）, 六（六）)."""
        growth = (1.0 + self.p.firms.service_capacity_growth) ** (max(self.t, 0) / 4.0)
        return np.where(CAPACITY_SERVICES[f.category], self.levers.services.capacity * growth, 1.0)

    def distribute(self, values: np.ndarray, mask: np.ndarray, amount: float,
                   weights: np.ndarray | None = None) -> None:
        """Add `amount` to `values[mask]` in proportion to `weights` (equal shares when
        the weights are all zero; all live firms when the mask is empty)."""
        if amount == 0.0:
            return
        rows = np.flatnonzero(mask)
        if len(rows) == 0:
            rows = np.flatnonzero(self.firms.alive)
        if len(rows) == 0:
            raise RuntimeError(f"no live firm can receive a payment of {amount:,.0f} yuan")
        w = np.ones(len(rows)) if weights is None else np.maximum(weights[rows], 0.0)
        if w.sum() <= 0.0:
            w = np.ones(len(rows))
        values[rows] += amount * (w / w.sum())

    def _reset_quarter(self) -> None:
        self.ledger.open_quarter()
        self.wealth_at_start = accounting.net_wealth(self)
        self.cash_at_start = self.firms.cash.copy()
        self.households.income[:] = 0.0
        self.entries = self.exits = self.recalls = self.conversions = self.upgrades = 0
        self.voucher_spent = self.producer_subsidy = self.remedies = 0.0
        self.written_off = self.debt_at_start = 0.0
        self.fiscal_cost = 0.0
        self.wages = np.zeros(len(self.households))

    def _update_prices(self) -> None:
        """Quality-adjusted price index by category, which households use to cost their
        subsistence basket: revenue-weighted price over the unit cost of the same
        quality (a hedonic index; 1 in 2016)."""
        f, m0 = self.firms, self.p.firms.initial_markup
        live = f.alive & (f.revenue > 0)
        targeted = government.targeted(self)
        relative = (self.wage_level * (1.0 + f.markup) / (1.0 + m0)
                    * (1.0 - self.producer_rate * targeted))
        for c in range(N_CATEGORIES):
            rows = live & (f.category == c)
            if rows.any():
                self.category_price_index[c] = np.average(relative[rows], weights=f.revenue[rows])

    def _update_permanent_income(self) -> None:
        h = self.households
        h.permanent_income += self.p.households.permanent_income_weight * (
            h.income - h.permanent_income)

    # ------------------------------------------------------------------ initial state
    def _initialise(self) -> None:
        """A consistent 2016 starting point: expected incomes, buffers and debt,
        firms' expected demand, export demand that employs the labour force at the
        initial unemployment rate, and the bank's balance sheet."""
        h, f, p = self.households, self.firms, self.p
        hp = p.households
        u0 = p.economy.initial_unemployment
        policy.apply_levers(self)
        g_p = p.government
        wage = (1.0 - u0) * h.efficiency
        transfer = incomes.transfer_per_person(self) * h.persons
        net_wage = wage * (1.0 - g_p.income_tax - g_p.social_contribution * h.covered)
        dividends = (p.firms.initial_markup * self.scale * wage.sum() * p.firms.payout
                     * (1.0 - p.firms.dividend_tax))
        h.permanent_income = net_wage + transfer + dividends / self.scale * h.owner_weight
        self.reference_income_pc = float(np.median(h.permanent_income / h.persons))
        policy.apply_levers(self)

        rng = self.rng_for("endowment")
        h.debt = np.where(h.credit_access,
                          p.bank.initial_debt_share * h.credit_limit * rng.random(len(h)), 0.0)
        s = hp.initial_deposit_dispersion
        h.deposits = np.maximum(0.0, consumption.target_buffer(self) + h.debt) * np.exp(
            s * rng.standard_normal(len(h)) - s**2 / 2)
        taste = market.household_taste(self)
        self.taste_edges = np.quantile(taste, np.arange(1, market.N_TASTE_BINS)
                                       / market.N_TASTE_BINS)

        # Firms' expected demand from households' planned spending and public services.
        self.targeted_firm = government.targeted(self)
        government.set_rates(self)
        planned, _, _ = consumption.allocate(self, consumption.desired_budget(self))
        planned[:, consumption.HEALTHCARE] += consumption.expected_health_spending(self)
        # Firms plan for 2016 demand as if they may sell: a standard in force from the
        # start makes them upgrade or leave in the first quarter (firms.upgrade).
        chosen = market.choose(self, planned, standard=False)
        units = market.planned_units(chosen, len(f))
        per_unit = (1.0 + p.firms.quality_cost * f.quality) / f.productivity

        # Export demand that employs the rest of the labour force.
        opt = chosen.options
        mix = np.array([getattr(p.world.export_mix, c, 0.0) if EXPORTED[i] else 0.0
                        for i, c in enumerate(CATEGORIES)])
        mix /= mix.sum()
        domestic = opt.firm >= 0
        per_yuan = chosen.share[market.EXPORT_ROW] * mix[opt.category] / opt.price
        export_units = np.bincount(opt.firm[domestic], weights=per_yuan[domestic],
                                   minlength=len(f))
        target = (1.0 - u0) * self.scale * h.efficiency.sum()
        needed = target - (units * per_unit).sum()
        per_yuan_labour = (export_units * per_unit).sum()
        if needed <= 0.0:
            raise ValueError(
                "the initial economy has no room for exports: domestic demand already needs "
                f"{(units * per_unit).sum():.3g} of {target:.3g} efficiency units of labour; "
                "lower households' propensities or raise earnings")
        exports = needed / per_yuan_labour if per_yuan_labour > 0 else 0.0
        self.export_demand_2016 = exports * mix
        self.export_demand = self.export_demand_2016
        units = units + exports * export_units

        goods = GOODS[f.category]
        f.expected_demand = units
        f.inventory = p.firms.inventory_target * units * goods
        f.capacity = np.where(CAPACITY_SERVICES[f.category],
                              p.firms.service_headroom * units * per_unit, np.inf)
        f.cash = p.firms.cash_target_quarters * units * per_unit
        f.revenue = units * per_unit * (1.0 + f.markup)
        f.wage_bill = units * per_unit
        labour.match(self, initial=True)

        # The bank's balance sheet closes with assets outside the model.
        self.ledger.loan_book = self.scale * h.debt.sum()
        self.ledger.deposit_liabilities = accounting.deposits_in_tables(self)
        self.bank = credit.Bank(self)
        self.ledger.other_assets = (self.ledger.deposit_liabilities - self.ledger.loan_book
                                    + self.bank.equity_target)

