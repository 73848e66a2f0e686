"""Research, innovation and imitation (steps 2 and 9 of the quarter), after the
Keynes+Schumpeter model (Dosi, Fagiolo and Roventini 2010, section 3; Dosi et al. 2013).

Firms spend `firms.rd_share_of_sales` of last quarter's revenue on research, as the
wages of researchers hired in the labour market with the rest of their staff. The
supply-side subsidy pays that share of targeted firms' researchers' wages (七（一）): a
subsidised firm hires more research for the same own spending.

Research is a stochastic search. With x a firm's research labour over the 2016 mean
(per firm agent, each standing for the same number of real firms), it innovates this
quarter with probability 1 - (1 - innovation_chance)^x and imitates with probability
1 - (1 - imitation_chance)^x, the K+S rule 1 - exp(-zeta x) with zeta set by the chance
at the mean. An innovation draws a change of quality and of log productivity from
Beta(3, 3) over `innovation_quality_range` and `innovation_productivity_range`; an
imitation closes `imitation_reach` of the gap to the quality of a rival of the same
category, chosen in proportion to its revenue (leaders are the most visible). Products
are imitated, processes are not: a firm's own process innovations move its productivity
relative to the economy's technology (sim.economy.processes.technology), so productivity
dispersion persists; since only those that pay are adopted, they also add to measured
productivity growth beyond the frontier's. A firm adopts the best of its
current product, the innovation and the imitation by its appeal to its buyers: the
logit utility of quality (their taste times trust) less the price sensitivity times the
change in log unit cost. Since research follows sales, the categories whose demand grows
search more and get more new supply (demand pull: 新消费引领新供给).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sim.config.parameters import Firms, Market
from sim.economy.agents import FirmTable
from sim.economy.constants import N_CATEGORIES
from sim.economy.goods_market import N_HOUSEHOLD_SEGMENTS, Clearing


def research_labour_demand(*, f: FirmTable, fp: Firms, wage_index: float,
                           subsidy_rate: np.ndarray) -> np.ndarray:
    """Efficiency units of research labour each firm wants this quarter: its research
    budget (a share of last quarter's revenue) over the wage, raised by the share of
    researchers' wages the subsidy pays (`subsidy_rate` by firm)."""
    budget = fp.rd_share_of_sales * np.maximum(f.revenue, 0.0)
    return np.where(f.alive, budget / (1.0 - subsidy_rate) / wage_index, 0.0)


def research_and_overhead(*, labour: np.ndarray, research: np.ndarray,
                          overhead: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The research and overhead parts of each firm's employed `labour`: researchers and
    overhead staff are hired first (their budgets are set on last quarter's sales, as in
    Dosi, Fagiolo and Roventini 2010), so a short labour market cuts production."""
    research_labour = np.minimum(research, labour)
    return research_labour, np.minimum(overhead, labour - research_labour)


def appeal_of_quality(clearing: Clearing) -> np.ndarray:
    """By category: households' logit weight on a unit of quality (taste times trust),
    averaged over the household segments with their spending as weights."""
    rows = slice(0, N_HOUSEHOLD_SEGMENTS)
    weight = clearing.demand[rows]
    value = clearing.taste[rows, None] * clearing.trust[rows]
    total = weight.sum(axis=0)
    return np.divide((weight * value).sum(axis=0), total, out=np.zeros(N_CATEGORIES),
                     where=total > 0)


@dataclass
class Search:
    """What research found this quarter, by firm."""

    innovated: np.ndarray  # adopted an innovation
    imitated: np.ndarray  # adopted an imitation
    quality: np.ndarray  # quality after adoption
    productivity: np.ndarray  # productivity after adoption


def _beta_between(draw: np.ndarray, low_high: list[float]) -> np.ndarray:
    low, high = low_high
    return low + (high - low) * draw


def _rivals(f: FirmTable, pick: np.ndarray) -> np.ndarray:
    """For each firm, a live rival of its category drawn in proportion to revenue (its
    own row where the category has no sales)."""
    n = len(f)
    live = np.flatnonzero(f.alive)
    if len(live) == 0:
        return np.arange(n)
    order = live[np.lexsort((live, f.category[live]))]
    cum = np.cumsum(np.maximum(f.revenue[order], 0.0))
    cats = f.category[order]
    first = np.searchsorted(cats, np.arange(N_CATEGORIES), side="left")
    last = np.searchsorted(cats, np.arange(N_CATEGORIES), side="right")
    low = np.where(first > 0, cum[np.maximum(first - 1, 0)], 0.0)
    high = np.where(last > 0, cum[np.maximum(last - 1, 0)], 0.0)
    c = f.category
    target = low[c] + pick * (high[c] - low[c])
    at = np.clip(np.searchsorted(cum, target, side="right"), first[c],
                 np.maximum(last[c] - 1, first[c]))
    found = (last[c] > first[c]) & (high[c] > low[c])
    return np.where(found, order[np.minimum(at, len(order) - 1)], np.arange(n))


def search(*, f: FirmTable, research_reference: float, appeal: np.ndarray, fp: Firms, mp: Market,
           draws: np.ndarray) -> Search:
    """This quarter's innovations and imitations (`research_reference`: the 2016 mean
    research labour of a firm agent; `appeal`: households' weight on quality by
    category; `draws`: 13 uniform draws per firm)."""
    n = len(f)
    u_innovate, u_imitate, pick = draws[:3]
    # the median of five uniforms is Beta(3, 3)
    beta = np.median(draws[3:13].reshape(2, 5, n), axis=1)
    x = np.divide(f.research_labour, research_reference, out=np.zeros(n),
                  where=research_reference > 0)
    innovates = f.alive & (u_innovate < 1.0 - (1.0 - fp.innovation_chance) ** x)
    imitates = f.alive & (u_imitate < 1.0 - (1.0 - fp.imitation_chance) ** x)

    q, log_a = f.quality, np.log(f.productivity)
    q_new = np.clip(q + _beta_between(beta[0], fp.innovation_quality_range), 0.0, 1.0)
    a_new = log_a + _beta_between(beta[1], fp.innovation_productivity_range)
    rival = _rivals(f, pick)
    reach = fp.imitation_reach
    q_copy = q + reach * np.maximum(0.0, f.quality[rival] - q)
    a_copy = log_a  # products are imitated, processes are not (see the module)

    def gain(q1: np.ndarray, log_a1: np.ndarray) -> np.ndarray:
        cost = np.log1p(fp.quality_cost * q1) - np.log1p(fp.quality_cost * q) - (log_a1 - log_a)
        return appeal[f.category] * (q1 - q) - mp.price_sensitivity * cost

    g_new = np.where(innovates, gain(q_new, a_new), -np.inf)
    g_copy = np.where(imitates, gain(q_copy, a_copy), -np.inf)
    take_new = (g_new > 0.0) & (g_new >= g_copy)
    take_copy = (g_copy > 0.0) & ~take_new
    return Search(
        innovated=take_new, imitated=take_copy,
        quality=np.select([take_new, take_copy], [q_new, q_copy], q),
        productivity=np.exp(np.select([take_new, take_copy], [a_new, a_copy], log_a)),
    )
