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

A firm with a negligible share charges 1 / alpha; a larger share earns a higher markup,
but the real firms a firm agent stands for are small, so in this single-nest demand the
share adds little. Firms that sell abroad, where buyers compare more suppliers, charge
less: the export discount of Chinese firms' markups (Dai, Maitra and Yu 2016, Journal
of Development Economics 121:177). Public purchases of services are procured at
regulated prices and carry no weight.

Firms that have won customers price up: the target is the competitive markup times the
firm's customer base (`demand_value`: the demand it expects, so that a provider short
of capacity is not counted smaller than its customers make it) relative to its
category's typical firm, to the power `firms.markup_share_elasticity`, scaled so that
the category's average markup stays at the competitive level (`market_power`). This is
the K+S markup rule (Dosi, Fagiolo and Roventini 2010: the markup grows by 0.04 per
unit of growth of the firm's market share) in levels, counted from the typical firm; it
stands for what the logit leaves out (customers' attachment to sellers they know:
Phelps and Winter 1970; Foster, Haltiwanger and Syverson 2016 on young firms' slow
build-up of demand) and gives larger firms higher markups (De Loecker, Eeckhout and
Unger 2020).

Markups move `firms.markup_speed` of the way to that target each quarter; the target
is raised by excess demand and lowered by unsold supply (`firms.markup_adjustment`),
so a capacity-constrained service provider prices up its queue.
"""

from __future__ import annotations

import numpy as np

from sim.config.parameters import Firms, Market
from sim.economy.agents import FirmTable
from sim.economy.constants import GOODS, N_CATEGORIES
from sim.economy.goods_market import EXPORT_ROW, GOVERNMENT_ROW, Clearing


def buyer_price_weights(*, n_rows: int, mp: Market) -> np.ndarray:
    """Each buyer row's logit weight on log price (the government's is zero)."""
    alpha = np.full(n_rows, mp.price_sensitivity)
    alpha[EXPORT_ROW] = mp.export_price_sensitivity
    alpha[GOVERNMENT_ROW] = 0.0
    return alpha


def competitive_markup(*, clearing: Clearing, n_firms: int, mp: Market, fallback: np.ndarray,
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
    alpha = buyer_price_weights(n_rows=n_rows, mp=mp)
    spent = clearing.spent * (alpha > 0)[:, None]
    elastic = (spent * alpha[:, None] * (1.0 - held)).sum(axis=0)
    dom = opt.firm >= 0
    firm = opt.firm[dom]
    revenue = np.bincount(firm, weights=spent.sum(axis=0)[dom], minlength=n_firms)
    slope = np.bincount(firm, weights=elastic[dom], minlength=n_firms)
    with np.errstate(divide="ignore", invalid="ignore"):
        markup = revenue / slope
    return np.where((revenue > 0) & (slope > 0), markup, fallback)


def demand_value(f: FirmTable) -> np.ndarray:
    """Each firm's customer base, yuan a quarter: the demand it expects (its adaptive
    expectation of units demanded, as K+S firms read their lagged market shares) at the
    average price of this quarter's sales (zero for firms that sold nothing). A firm's
    customers are those who choose it, whether or not its capacity served them all."""
    price = np.divide(f.revenue, f.sales, out=np.zeros(len(f)), where=f.sales > 0)
    return f.expected_demand * price


def market_power(*, f: FirmTable, revenue: np.ndarray, fp: Firms) -> np.ndarray:
    """Each firm's markup factor from its market share: its `revenue` (yuan a quarter:
    its customer base, `demand_value`) over its
    category's typical live firm's (the geometric mean), to the power
    `markup_share_elasticity`, over the category's average of that power, so that the
    rule moves markups within a category and leaves their average at the competitive
    level (1 for firms that sold nothing; relative shares are read within 1/1000 and
    1000)."""
    live = f.alive & (revenue > 0)
    cat = f.category[live]
    log_revenue = np.log(revenue[live])
    count = np.bincount(cat, minlength=N_CATEGORIES)
    typical = np.bincount(cat, weights=log_revenue, minlength=N_CATEGORIES) / np.maximum(count, 1)
    log_relative = np.clip(log_revenue - typical[cat], -np.log(1e3), np.log(1e3))
    power = np.exp(fp.markup_share_elasticity * log_relative)
    average = np.bincount(cat, weights=power, minlength=N_CATEGORIES) / np.maximum(count, 1)
    factor = np.ones(len(f))
    factor[live] = power / average[cat]
    return factor


def markups(*, f: FirmTable, target: np.ndarray, fp: Firms) -> np.ndarray:
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
