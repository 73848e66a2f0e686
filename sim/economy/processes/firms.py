"""Step 9 of the quarter: firms adjust expectations and prices, pay dividends, invest in
quality, meet the minimum standard or leave, and enter where profits are high.

Demand pull (新消费引领新供给): a firm evaluates one quality step by asking how its
sales would change if its buyers' logit shares were recomputed at the higher quality
and the higher unit cost. It invests when the present value of the extra margin beats
the cost of the step (lowered by supply-side subsidies), with logit noise around that
rule. Firms below the minimum standard (四（一）) must upgrade to it or exit. Entry
into a category is more likely the more an entrant expects to earn there relative to
the entry cost (三（一）); exit follows insolvency (overdraft beyond a limit).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from sim.economy import population
from sim.economy.agents import Firm
from sim.economy.constants import CAPACITY_SERVICES, GOODS, N_CATEGORIES
from sim.economy.processes.market import Clearing

if TYPE_CHECKING:
    from sim.economy.model import EconomyModel


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + np.tanh(0.5 * x))


def annuity(model: EconomyModel) -> float:
    """Present value of one yuan per quarter over the upgrade horizon."""
    fp = model.p.firms
    r, n = fp.discount_rate, fp.upgrade_horizon
    return (1.0 - (1.0 + r) ** -n) / r


def upgrade_cost(model: EconomyModel, rows: np.ndarray, step: np.ndarray) -> np.ndarray:
    """Cost of raising quality by `step`, yuan: quarters of revenue per unit quality,
    rising towards the frontier, net of the supply-side subsidy rate."""
    f, fp = model.firms, model.p.firms
    scale = np.maximum(f.revenue[rows], f.expected_demand[rows] * fp.upgrade_cost_demand_floor)
    subsidy = model.producer_rate * model.targeted_firm[rows]
    return fp.upgrade_cost * scale * step * (1.0 + f.quality[rows]) * (1.0 - subsidy)


def upgrade_gain(model: EconomyModel, clearing: Clearing, rows: np.ndarray,
                 step: float) -> np.ndarray:
    """Present value of the extra margin from raising each firm's quality by `step`
    (firms in `rows`), yuan: the firm's options gain utility in every buyer row, and
    its shares move along the logit (the other options' utilities held fixed)."""
    f, fp, mp = model.firms, model.p.firms, model.p.market
    opt = clearing.options
    rows = np.asarray(rows, dtype=np.intp)
    n_buyers = len(clearing.taste)
    # Each firm has one or two options (offline, online): their shares by buyer row.
    first = np.zeros((len(rows), n_buyers))
    second = np.zeros((len(rows), n_buyers))
    sells = np.zeros(len(rows), dtype=bool)
    position = {int(r): k for k, r in enumerate(rows)}
    for col, firm in enumerate(opt.firm):
        k = position.get(int(firm))
        if k is None:
            continue
        target = second if sells[k] else first
        target[k] = clearing.share[:, col]
        sells[k] = True
    c, q = f.category[rows], f.quality[rows]
    alpha = np.full(n_buyers, mp.price_sensitivity)
    alpha[-2] = mp.export_price_sensitivity
    alpha[-1] = 0.0
    price_rise = np.log((1.0 + fp.quality_cost * (q + step)) / (1.0 + fp.quality_cost * q))
    du = clearing.taste * clearing.trust[:, c].T * step - alpha * price_rise[:, None]
    lift = np.exp(du)
    mine = first + second  # (a + 0 is a for single-option firms)
    mine_new = first * lift + second * lift
    new = mine_new / (1.0 - mine + mine_new)
    extra_revenue = (clearing.demand[:, c].T * (new - mine)).sum(axis=1)
    margin = f.markup[rows] / (1.0 + f.markup[rows])
    return np.where(sells, extra_revenue * margin * annuity(model), 0.0)


def invest(model: EconomyModel, rows: np.ndarray, cost: np.ndarray, step: np.ndarray) -> None:
    """Firms in `rows` pay for quality steps; suppliers of equipment are all firms."""
    f = model.firms
    f.cash[rows] -= cost
    f.quality[rows] = np.minimum(1.0, f.quality[rows] + step)
    f.upgrades[rows] += 1
    model.upgrades += len(rows)
    model.distribute(f.cash, f.alive, cost.sum(), weights=f.revenue)
    model.ledger.pay("upgrade_investment", "firms", "firms", cost.sum())


def adjust(model: EconomyModel) -> None:
    """Inventories, expectations, markups, profits and dividends."""
    f, fp, h = model.firms, model.p.firms, model.households
    goods = GOODS[f.category]
    supply = np.where(goods, f.sales + f.inventory, f.output)
    pressure = np.divide(f.demand, supply, out=np.zeros(len(f)), where=supply > 0)
    f.inventory *= 1.0 - fp.inventory_decay * goods
    # Adaptive expectations around the economy's trend growth (firms know the trend).
    w = fp.demand_expectation_weight
    trend = (1.0 + model.p.economy.productivity_growth) ** 0.25
    f.expected_demand = np.where(
        f.alive, trend * (w * f.demand + (1.0 - w) * f.expected_demand), 0.0)

    target = np.where(goods, 1.0 / (1.0 + fp.inventory_target), 1.0)
    limit = fp.markup_signal_limit
    signal = np.clip(pressure - target, -limit, limit)
    low, high = fp.markup_bounds
    f.markup = np.clip(f.markup * np.exp(fp.markup_adjustment * signal), low, high)

    # Taxes on production (VAT and enterprise income tax as an effective rate on sales).
    production_tax = np.where(f.alive, model.p.government.production_tax * f.revenue, 0.0)
    f.cash -= production_tax
    model.ledger.pay("production_tax", "firms", "government", production_tax.sum())
    model.government.account += production_tax.sum()

    f.profit = f.cash - model.cash_at_start
    keep = fp.cash_target_quarters * f.wage_bill
    dividend = np.where(f.alive, fp.payout * np.maximum(0.0, f.cash - keep), 0.0)
    tax = fp.dividend_tax * dividend
    f.cash -= dividend
    net = (dividend - tax).sum()
    model.ledger.pay("dividends", "firms", "households", net)
    model.ledger.pay("dividend_tax", "firms", "government", tax.sum())
    model.government.account += tax.sum()
    per_household = net / model.scale * h.owner_weight
    h.deposits += per_household
    h.income += per_household


def upgrade(model: EconomyModel, clearing: Clearing) -> None:
    """Demand-pull quality upgrades and the minimum standard."""
    f, fp = model.firms, model.p.firms
    rng = model.rng_for("firms")
    draw = rng.random(len(f))
    step = fp.upgrade_step
    live = np.flatnonzero(f.alive & (f.quality < 1.0))
    gains = upgrade_gain(model, clearing, live, step)
    costs = upgrade_cost(model, live, np.full(len(live), step))
    chance = _sigmoid((gains - costs) / (fp.decision_noise * np.maximum(costs, 1e-9)))
    # A firm invests only what it can pay without nearing its overdraft limit.
    affordable = (f.cash[live] - costs
                  >= -fp.upgrade_overdraft_share * fp.overdraft_limit * f.revenue[live])
    go = (draw[live] < chance) & affordable
    if go.any():
        invest(model, live[go], costs[go], np.full(go.sum(), step))

    # 四（一）: below the standard, upgrade to it if the firm can afford it, else exit.
    standard = model.levers.quality.min_standard
    below = np.flatnonzero(f.alive & (f.quality < standard - 1e-12))
    if len(below):
        gap = standard - f.quality[below]
        cost = upgrade_cost(model, below, gap)
        able = f.cash[below] - cost > -fp.overdraft_limit * f.revenue[below]
        invest(model, below[able], cost[able], gap[able])
        exit_firms(model, below[~able])


def exit_firms(model: EconomyModel, rows: np.ndarray) -> None:
    """Close firms: workers are laid off, positive cash goes to owners, overdrafts are
    written off by the bank."""
    if len(rows) == 0:
        return
    f, h, ledger = model.firms, model.households, model.ledger
    laid_off = np.isin(h.employer, rows)
    h.employed[laid_off] = False
    h.employer[laid_off] = -1
    cash = f.cash[rows]
    to_owners = cash[cash > 0].sum()
    written_off = -cash[cash < 0].sum()
    ledger.pay("liquidation", "firms", "households", to_owners)
    ledger.pay("firm_debt_writeoff", "bank", "firms", written_off)
    h.deposits += to_owners / model.scale * h.owner_weight
    f.cash[rows] = 0.0
    f.alive[rows] = False
    f.labour[rows] = 0.0
    f.expected_demand[rows] = 0.0
    f.inventory[rows] = 0.0
    for row in rows:
        model.firm_agents.pop(int(row)).remove()
    model.exits += len(rows)


def exit_insolvent(model: EconomyModel) -> None:
    """Firms whose overdraft exceeds the limit leave the market."""
    f, fp = model.firms, model.p.firms
    insolvent = f.alive & (f.cash < -fp.overdraft_limit * np.maximum(f.revenue, f.wage_bill))
    exit_firms(model, np.flatnonzero(insolvent))


def enter(model: EconomyModel) -> None:
    """Entry by category: more likely where profit rates are high and entry is cheap."""
    f, fp, h, p = model.firms, model.p.firms, model.households, model.p
    rng = model.rng_for("entry")
    draws = rng.random(N_CATEGORIES)
    entry_cost = model.levers.market_access.entry_cost * p.population.real_firms_per_agent
    for c in range(N_CATEGORIES):
        incumbents = np.flatnonzero(f.alive & (f.category == c))
        if len(incumbents):
            profit = np.maximum(0.0, f.profit[incumbents]).mean()
            capital = fp.cash_target_quarters * f.wage_bill[incumbents].mean()
            quality = float(np.median(f.quality[incumbents]))
        else:
            profit, capital, quality = np.inf, 0.0, float(np.mean(fp.initial_quality_range))
        value = fp.entrant_profit_share * profit * annuity(model)
        cost = entry_cost + capital
        chance = fp.entry_rate_max * (
            1.0 if len(incumbents) < 2 else _sigmoid((value - cost) / (fp.decision_noise * cost))
        )
        # Attributes are drawn whether or not entry happens, so the entry stream advances
        # the same way in every scenario.
        # Entrants meet the minimum standard in force (四（一）).
        spread = fp.entrant_quality_spread
        drawn = float(np.clip(quality + rng.uniform(-spread, spread), 0.0, 1.0))
        attrs = population.firm_attributes(
            p, c, max(drawn, model.levers.quality.min_standard), rng)
        if draws[c] >= chance:
            continue
        paid = np.minimum(h.deposits, (cost / model.scale) * h.owner_weight)
        equity = model.scale * paid.sum()
        h.deposits -= paid
        model.ledger.pay("equity_injection", "households", "firms", equity)
        if CAPACITY_SERVICES[c] and len(incumbents):
            attrs["capacity"] = f.capacity[incumbents].mean()
        row = f.append(**attrs, cash=equity, born=model.t, expected_demand=0.0)
        model.firm_agents[row] = Firm(model, row)
        # The entry cost is paid to incumbents (registration services, fit-out).
        model.distribute(f.cash, f.alive & (np.arange(len(f)) != row), min(entry_cost, equity),
                         weights=f.revenue)
        f.cash[row] -= min(entry_cost, equity)
        model.ledger.pay("entry_cost", "firms", "firms", min(entry_cost, equity))
        model.entries += 1
        peers = f.expected_demand[incumbents]
        f.expected_demand[row] = fp.entrant_demand_share * peers.mean() if len(peers) else 0.0


def run(model: EconomyModel, clearing: Clearing) -> None:
    """The firms step of the quarter."""
    adjust(model)
    upgrade(model, clearing)
    exit_insolvent(model)
    enter(model)
