"""Step 9 of the quarter, second part: quality upgrades and the minimum standard.

Demand pull (新消费引领新供给): a firm evaluates one quality step by asking how its sales
would change if its buyers' logit shares were recomputed at the higher quality and the
higher unit cost. It invests when the present value of the extra margin beats the cost
of the step (lowered by supply-side subsidies), with logit noise around that rule, and
only as far as it can pay without nearing its credit line. An upgrade is retooling
bought from the capital-goods sector: ordered now, it raises quality when it is
delivered, next quarter, before the market opens.

A minimum standard (四（一）) is announced `firms.compliance_window` quarters before it
binds. Each quarter of the window a firm below it compares the value of staying (its
margin on expected revenue over the upgrade horizon) with the cost of the upgrade: it
orders the upgrade when staying pays and its cash and credit line cover the cost, leaves when
staying does not pay, and otherwise waits for next quarter's cash. A firm still below
the standard in the quarter before it binds must upgrade then, within its credit line,
or exit; it decides on its expected revenue, not on the zero sales of a quarter it may
not sell in.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sim.config.parameters import Firms, Market
from sim.economy.agents import FirmTable
from sim.economy.goods_market import EXPORT_ROW, GOVERNMENT_ROW, Clearing
from sim.economy.rules import annuity, logistic, unit_price


@dataclass
class Upgrades:
    """Quality steps firms order this quarter."""

    rows: np.ndarray  # firm rows
    step: np.ndarray  # quality gained by each
    cost: np.ndarray  # yuan


def cost(*, f: FirmTable, rows: np.ndarray, step: np.ndarray, subsidy_rate: np.ndarray,
         fp: Firms) -> np.ndarray:
    """Cost of raising the quality of the firms in `rows` by `step`, yuan: quarters of
    revenue (at least `upgrade_cost_demand_floor` of expected demand) per unit of
    quality, rising towards the frontier, net of the supply-side subsidy rate."""
    base = np.maximum(f.revenue[rows], f.expected_demand[rows] * fp.upgrade_cost_demand_floor)
    return fp.upgrade_cost * base * step * (1.0 + f.quality[rows]) * (1.0 - subsidy_rate[rows])


def gain(*, f: FirmTable, clearing: Clearing, rows: np.ndarray, step: float, fp: Firms,
         mp: Market) -> np.ndarray:
    """Present value of the extra margin from raising each firm's quality by `step`
    (firms in `rows`), yuan: the firm's options gain utility in every buyer row, and its
    shares move along the logit (the other options' utilities held fixed)."""
    opt = clearing.options
    rows = np.asarray(rows, dtype=np.intp)
    n_buyers = len(clearing.taste)
    # Each firm has one or two options (offline, online): their shares by buyer row,
    # summed (the same in either of its columns).
    column = np.full(len(f), -1)
    domestic = np.flatnonzero(opt.firm >= 0)
    column[opt.firm[domestic]] = domestic
    sells = column[rows] >= 0
    mine = np.zeros((len(rows), n_buyers))
    mine[sells] = opt.firm_share(clearing.share)[:, column[rows[sells]]].T
    c, q = f.category[rows], f.quality[rows]
    alpha = np.full(n_buyers, mp.price_sensitivity)
    alpha[EXPORT_ROW] = mp.export_price_sensitivity
    alpha[GOVERNMENT_ROW] = 0.0
    price_rise = np.log((1.0 + fp.quality_cost * (q + step)) / (1.0 + fp.quality_cost * q))
    du = clearing.taste * clearing.trust[:, c].T * step - alpha * price_rise[:, None]
    lift = np.exp(du)
    mine_new = mine * lift
    new = mine_new / (1.0 - mine + mine_new)
    extra_revenue = (clearing.demand[:, c].T * (new - mine)).sum(axis=1)
    margin = f.markup[rows] / (1.0 + f.markup[rows])
    value = annuity(rate=fp.discount_rate, quarters=fp.upgrade_horizon)
    return np.where(sells, extra_revenue * margin * value, 0.0)


@dataclass(frozen=True)
class Funding:
    """How each firm would pay for a quality step, by firm row.

    Attributes:
        subsidy_rate: the share of its cost the producer subsidy pays.
        line: its credit line, yuan.
        headroom: its cash plus credit line less its orders, yuan.
    """

    subsidy_rate: np.ndarray
    line: np.ndarray
    headroom: np.ndarray


def demand_pull(*, f: FirmTable, clearing: Clearing, funding: Funding, draw: np.ndarray,
                fp: Firms, mp: Market) -> Upgrades:
    """The quality steps firms choose to buy: a logit around 'gain beats cost', for
    the steps they can afford within their `funding` (`draw`: a uniform draw per firm).
    A firm with an upgrade on order waits for it."""
    subsidy_rate, line, headroom = funding.subsidy_rate, funding.line, funding.headroom
    live = np.flatnonzero(f.alive & (f.quality < 1.0) & (f.ordered_quality == 0.0))
    step = np.full(len(live), fp.upgrade_step)
    gains = gain(f=f, clearing=clearing, rows=live, step=fp.upgrade_step, fp=fp, mp=mp)
    costs = cost(f=f, rows=live, step=step, subsidy_rate=subsidy_rate, fp=fp)
    chance = logistic((gains - costs) / (fp.decision_noise * np.maximum(costs, 1e-9)))
    # (it keeps (1 - upgrade_overdraft_share) of its credit line unused)
    affordable = headroom[live] - costs >= (1.0 - fp.upgrade_overdraft_share) * line[live]
    go = (draw[live] < chance) & affordable
    return Upgrades(live[go], step[go], costs[go])


def expected_revenue(*, f: FirmTable, fp: Firms, wage_level: float) -> np.ndarray:
    """Revenue each firm expects next quarter at its current price, yuan."""
    price = unit_price(markup=f.markup, quality=f.quality, productivity=f.productivity,
                       quality_cost=fp.quality_cost, wage_level=wage_level)
    return np.where(f.alive, f.expected_demand * price, 0.0)


def comply(*, f: FirmTable, standard: float, binding: bool, funding: Funding,
           wage_level: float, fp: Firms) -> tuple[Upgrades, np.ndarray]:
    """四（一）: what the live firms below `standard` (counting an upgrade on order) do:
    upgrade to it, exit, or (before it binds: `binding` False) wait, paying within
    their headroom (`funding`). Returns the upgrades and the rows that exit."""
    subsidy_rate, headroom = funding.subsidy_rate, funding.headroom
    below = np.flatnonzero(f.alive & (f.quality + f.ordered_quality < standard - 1e-12))
    if len(below) == 0:
        return Upgrades(below, np.zeros(0), np.zeros(0)), below
    gap = standard - f.quality[below] - f.ordered_quality[below]
    costs = cost(f=f, rows=below, step=gap, subsidy_rate=subsidy_rate, fp=fp)
    revenue = np.maximum(f.revenue, expected_revenue(f=f, fp=fp, wage_level=wage_level))[below]
    margin = f.markup[below] / (1.0 + f.markup[below])
    pays = margin * revenue * annuity(rate=fp.discount_rate, quarters=fp.upgrade_horizon) >= costs
    able = headroom[below] - costs >= 0.0
    upgrade = pays & able
    leave = ~pays | (binding & ~able)
    return Upgrades(below[upgrade], gap[upgrade], costs[upgrade]), below[leave]
