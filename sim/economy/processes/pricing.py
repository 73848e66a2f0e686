"""Step 9 of the quarter: markups from competition.

Each firm sets the markup that maximises its profit given its rivals' prices under the
model's own logit demand (Bertrand-Nash pricing with logit demand: Anderson, de Palma
and Thisse 1992, ch. 7; Berry 1994). A buyer row spends a fixed budget on a category
and splits it by the logit, whose weight on log price is `alpha` (households
`market.price_sensitivity`, foreign buyers `market.export_price_sensitivity`). A firm
whose options hold the share S of row r's category budget sells units
D_r S / p, so the price elasticity of its units in that row is 1 + alpha_r (1 - S) and,
over its buyers (weights: its revenue from each row),

    elasticity = 1 + sum_r w_r alpha_r (1 - S_r),    markup* = 1 / (elasticity - 1).

A firm with a negligible share charges 1 / alpha; larger shares earn higher markups
(the markup-share relation of Dosi et al. 2013 follows from demand, not by assumption),
but the real firms a firm agent stands for are small, so in this single-nest demand the
relation is weak, and firms that sell abroad, where buyers compare more suppliers, charge
less.
Public purchases of services are procured at regulated prices and carry no weight.

Markups move `firms.markup_speed` of the way to that target each quarter; the target
is raised by excess demand and lowered by unsold supply (`firms.markup_adjustment`),
so a capacity-constrained service provider prices up its queue.
"""

from __future__ import annotations

import numpy as np

from sim.config.parameters import Firms, Market
from sim.economy.agents import FirmTable
from sim.economy.constants import GOODS
from sim.economy.goods_market import EXPORT_ROW, GOVERNMENT_ROW, Clearing


def buyer_price_weights(n_rows: int, mp: Market) -> np.ndarray:
    """Each buyer row's logit weight on log price (the government's is zero)."""
    alpha = np.full(n_rows, mp.price_sensitivity)
    alpha[EXPORT_ROW] = mp.export_price_sensitivity
    alpha[GOVERNMENT_ROW] = 0.0
    return alpha


def competitive_markup(clearing: Clearing, n_firms: int, mp: Market, fallback: np.ndarray,
                       real_firms_per_agent: float = 1.0) -> np.ndarray:
    """Each firm's profit-maximising markup at its current shares (`fallback` for firms
    that sold nothing to households or abroad). A firm agent's options stand for
    `real_firms_per_agent` real firms that set their prices each on its own, so the share
    that matters is a real firm's: the agent's over that number (the markup does not
    depend on how many firm agents the model uses)."""
    opt = clearing.options
    n_rows = clearing.share.shape[0]
    # A real firm's share of each row's category budget: its agent's options summed,
    # over the real firms the agent stands for.
    held = opt.firm_share(clearing.share) / real_firms_per_agent
    alpha = buyer_price_weights(n_rows, mp)
    spent = clearing.spent * (alpha > 0)[:, None]
    elastic = (spent * alpha[:, None] * (1.0 - held)).sum(axis=0)
    dom = opt.firm >= 0
    firm = opt.firm[dom]
    revenue = np.bincount(firm, weights=spent.sum(axis=0)[dom], minlength=n_firms)
    slope = np.bincount(firm, weights=elastic[dom], minlength=n_firms)
    with np.errstate(divide="ignore", invalid="ignore"):
        markup = revenue / slope
    return np.where((revenue > 0) & (slope > 0), markup, fallback)


def markups(f: FirmTable, target: np.ndarray, fp: Firms) -> np.ndarray:
    """Next quarter's markups: `markup_speed` of the way to the competitive `target`,
    which excess demand raises and unsold supply lowers, within `markup_bounds`."""
    goods = GOODS[f.category]
    supply = np.where(goods, f.sales + f.inventory, f.output)
    pressure = np.divide(f.demand, supply, out=np.zeros(len(f)), where=supply > 0)
    normal = np.where(goods, 1.0 / (1.0 + fp.inventory_target), 1.0)
    limit = fp.markup_signal_limit
    signal = np.clip(pressure - normal, -limit, limit)
    low, high = fp.markup_bounds
    aim = np.clip(target * np.exp(fp.markup_adjustment * signal), low, high)
    return np.where(f.alive, np.clip(f.markup + fp.markup_speed * (aim - f.markup), low, high),
                    f.markup)
