"""Step 9 of the quarter, second part: quality upgrades and the minimum standard.

Demand pull (新消费引领新供给): a firm evaluates one quality step by asking how its sales
would change if its buyers' logit shares were recomputed at the higher quality and the
higher unit cost. It invests when the present value of the extra margin beats the cost
of the step (lowered by supply-side subsidies), with logit noise around that rule, and
only as far as it can pay without nearing its overdraft limit. Firms below the minimum
standard (四（一）) must upgrade to it or exit.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sim.config.parameters import Firms, Market
from sim.economy.agents import FirmTable
from sim.economy.goods_market import EXPORT_ROW, GOVERNMENT_ROW, Clearing
from sim.economy.rules import annuity, logistic


@dataclass
class Upgrades:
    """Quality steps firms buy this quarter."""

    rows: np.ndarray  # firm rows
    step: np.ndarray  # quality gained by each
    cost: np.ndarray  # yuan

    def paid_by_firm(self, n_firms: int) -> np.ndarray:
        """What each firm pays for its upgrade, yuan (zero for the others)."""
        out = np.zeros(n_firms)
        out[self.rows] = self.cost
        return out


def cost(f: FirmTable, rows: np.ndarray, step: np.ndarray, subsidy_rate: np.ndarray,
         fp: Firms) -> np.ndarray:
    """Cost of raising the quality of the firms in `rows` by `step`, yuan: quarters of
    revenue (at least `upgrade_cost_demand_floor` of expected demand) per unit of
    quality, rising towards the frontier, net of the supply-side subsidy rate."""
    base = np.maximum(f.revenue[rows], f.expected_demand[rows] * fp.upgrade_cost_demand_floor)
    return fp.upgrade_cost * base * step * (1.0 + f.quality[rows]) * (1.0 - subsidy_rate[rows])


def gain(f: FirmTable, clearing: Clearing, rows: np.ndarray, step: float, fp: Firms,
         mp: Market) -> np.ndarray:
    """Present value of the extra margin from raising each firm's quality by `step`
    (firms in `rows`), yuan: the firm's options gain utility in every buyer row, and its
    shares move along the logit (the other options' utilities held fixed)."""
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
    alpha[EXPORT_ROW] = mp.export_price_sensitivity
    alpha[GOVERNMENT_ROW] = 0.0
    price_rise = np.log((1.0 + fp.quality_cost * (q + step)) / (1.0 + fp.quality_cost * q))
    du = clearing.taste * clearing.trust[:, c].T * step - alpha * price_rise[:, None]
    lift = np.exp(du)
    mine = first + second
    mine_new = mine * lift
    new = mine_new / (1.0 - mine + mine_new)
    extra_revenue = (clearing.demand[:, c].T * (new - mine)).sum(axis=1)
    margin = f.markup[rows] / (1.0 + f.markup[rows])
    value = annuity(fp.discount_rate, fp.upgrade_horizon)
    return np.where(sells, extra_revenue * margin * value, 0.0)


def demand_pull(f: FirmTable, clearing: Clearing, subsidy_rate: np.ndarray,
                rng: np.random.Generator, fp: Firms, mp: Market) -> Upgrades:
    """The quality steps firms choose to buy: a logit around 'gain beats cost', for
    the steps they can afford (`subsidy_rate`: the producer subsidy rate by firm)."""
    draw = rng.random(len(f))
    live = np.flatnonzero(f.alive & (f.quality < 1.0))
    step = np.full(len(live), fp.upgrade_step)
    gains = gain(f, clearing, live, fp.upgrade_step, fp, mp)
    costs = cost(f, live, step, subsidy_rate, fp)
    chance = logistic((gains - costs) / (fp.decision_noise * np.maximum(costs, 1e-9)))
    affordable = (f.cash[live] - costs
                  >= -fp.upgrade_overdraft_share * fp.overdraft_limit * f.revenue[live])
    go = (draw[live] < chance) & affordable
    return Upgrades(live[go], step[go], costs[go])


def to_standard(f: FirmTable, standard: float, subsidy_rate: np.ndarray,
                fp: Firms) -> tuple[Upgrades, np.ndarray]:
    """四（一）: firms below the minimum standard upgrade to it if they can pay within
    their overdraft limit; the others must exit. Returns the upgrades and the rows that
    exit."""
    below = np.flatnonzero(f.alive & (f.quality < standard - 1e-12))
    gap = standard - f.quality[below]
    costs = cost(f, below, gap, subsidy_rate, fp)
    able = f.cash[below] - costs > -fp.overdraft_limit * f.revenue[below]
    return Upgrades(below[able], gap[able], costs[able]), below[~able]
