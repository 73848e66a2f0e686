"""Step 9 of the quarter, last part: exit and entry of firms (三（一）).

Exit: a firm whose overdraft exceeds its credit line (what the bank lends against its
capital and inventory, sim.economy.rules.credit_line) cannot pay and is bankrupt; a firm
with `firms.loss_quarters_to_exit` consecutive losses or a market share below
`firms.exit_share_floor` of its category's average closes (the selection of Dosi et al.
2013); so does a firm below a binding minimum standard that cannot afford to meet it
(sim.economy.processes.upgrades). Workers are laid off, positive cash goes to the
owners, the bank writes off the overdraft (the losses fall on owners and the bank,
Caiani et al. 2016), orders not yet delivered are cancelled and the capital is scrapped.

Entry into a category is more likely the more an entrant expects to earn there relative
to the cost of entering: the set-up cost the market-access lever sets (fit-out and
equipment bought from the capital-goods sector) plus the working capital of an
incumbent. Entrants per quarter are Poisson with mean the incumbents times `entry_rate`
times (value / cost) ^ `entry_elasticity` (at most `entry_rate_max`); the count is the
Poisson quantile of one uniform draw per category, so a scenario that makes entry more
attractive adds entrants to the baseline's (common random numbers). Entrants draw
quality around what the category's buyers buy (the revenue-weighted median quality of
incumbents: entrants copy what sells; never below a standard in force) and productivity
from the incumbents' distribution, are financed as firms are (a bank loan against the
set-up they buy, the rest from the retained profits of the firms their owners own:
`financing`; an entrant those cannot finance does not enter, so household deposits
never found firms), order their set-up from the capital-goods sector (it is their first
capital) and expect a share of an incumbent's demand; they order the rest of the capital
that demand needs as every firm does (sim.economy.processes.investment).
"""

from __future__ import annotations

from dataclasses import dataclass
from types import SimpleNamespace

import numpy as np
from scipy import stats

from sim.config.parameters import Firms
from sim.economy.agents import FirmTable
from sim.economy.constants import CAPACITY_SERVICES, N_CATEGORIES
from sim.economy.population import firm_attributes, reference_markup
from sim.economy.rules import annuity


def insolvent(*, f: FirmTable, line: np.ndarray) -> np.ndarray:
    """Rows of live firms whose overdraft exceeds their credit line `line`, yuan
    (bankrupt)."""
    return np.flatnonzero(f.alive & (f.cash < -line))


def failing(*, f: FirmTable, fp: Firms, t: int,
            patience: np.ndarray | None = None) -> np.ndarray:
    """Rows of live firms that give up: as many consecutive losses as their owners bear
    (`patience`, by firm row; `loss_quarters_to_exit` for all if None), or (after their
    first full quarter) a market share below `exit_share_floor` of their category's
    average firm's."""
    established = f.born < t - 1
    bear = fp.loss_quarters_to_exit if patience is None else patience
    return np.flatnonzero(f.alive & ((small(f=f, fp=fp) & established)
                                     | (f.loss_quarters >= bear)))


def patience(*, draw: np.ndarray, fp: Firms) -> np.ndarray:
    """The consecutive quarters of losses each firm's owners bear before they close it:
    `loss_quarters_to_exit` times 1 - `loss_patience_spread` to 1 + it, by each firm's
    own fixed uniform `draw` (rounded to whole quarters, at least one). Owners differ:
    with one patience for all, the firms that began to lose together (a cohort of
    entrants, the loss-makers of the opening) closed in the same quarter, and the
    layoffs of such waves moved employment by a point or more in a quarter."""
    spread = fp.loss_patience_spread * (2.0 * draw - 1.0)
    return np.maximum(1, np.rint(fp.loss_quarters_to_exit * (1.0 + spread)))


def small(*, f: FirmTable, fp: Firms) -> np.ndarray:
    """Live firms whose revenue is below `exit_share_floor` of their category's average
    live firm's."""
    live = f.alive
    sales = np.bincount(f.category[live], weights=f.revenue[live], minlength=N_CATEGORIES)
    firms = np.bincount(f.category[live], minlength=N_CATEGORIES)
    average = np.divide(sales, firms, out=np.zeros(N_CATEGORIES), where=firms > 0)
    return live & (f.revenue < fp.exit_share_floor * average[f.category])


@dataclass
class Closure:
    """What closing firms pays out: positive cash to owners, overdrafts written off."""

    rows: np.ndarray
    liquidation: np.ndarray  # each firm's cash paid to its owners, yuan
    written_off: np.ndarray  # each firm's overdraft the bank writes off, yuan


def closure(*, f: FirmTable, rows: np.ndarray) -> Closure:
    """The payments of closing the firms in `rows`."""
    cash = np.zeros(len(f))
    cash[rows] = f.cash[rows]
    return Closure(rows, np.maximum(cash, 0.0), np.maximum(-cash, 0.0))


@dataclass
class Entrants:
    """The firms that enter this quarter."""

    attributes: dict[str, np.ndarray]  # FirmTable columns, one value per entrant
    entry_cost: np.ndarray  # yuan each pays to enter
    capital: np.ndarray  # working capital its owners put in besides, yuan
    expected_demand: np.ndarray  # units per quarter

    def __len__(self) -> int:
        return len(self.entry_cost)

    @property
    def cost(self) -> np.ndarray:
        """Entry cost plus working capital, yuan: what the owners must put in."""
        return self.entry_cost + self.capital


def entry_rate(*, profit: float, cost: float, incumbents: int, fp: Firms) -> float:
    """Expected entrants per incumbent this quarter: `entry_rate` times the value of an
    entrant's profit over the cost of entering, to the power `entry_elasticity`, at most
    `entry_rate_max`."""
    if incumbents < 2 or cost <= 0:  # an empty market, or entry for free
        return fp.entry_rate_max
    value = fp.entrant_profit_share * annuity(rate=fp.discount_rate,
                                              quarters=fp.upgrade_horizon) * profit
    return float(min(fp.entry_rate_max, fp.entry_rate * (value / cost) ** fp.entry_elasticity))


@dataclass(frozen=True)
class EntryTerms:
    """What entering costs this quarter and the standard an entrant must meet.

    Attributes:
        entry_cost: the set-up cost of a real firm, yuan at 2016 prices
            (policy.market_access.entry_cost).
        min_standard: the minimum quality standard in force (policy.quality.min_standard).
        real_firms_per_agent: the real firms each firm agent stands for.
        capital_price: the price of a unit of capital this quarter, yuan (the set-up is
            bought from the capital-goods sector).
        frontier: the log technology new machines embody, by category (None: the
            incumbents'; sim.economy.processes.technology).
    """

    entry_cost: float
    min_standard: float
    real_firms_per_agent: float
    capital_price: float = 1.0
    frontier: np.ndarray | None = None


def entrants(*, f: FirmTable, p: SimpleNamespace, terms: EntryTerms, t: int,
             rng: np.random.Generator) -> Entrants:
    """Who enters each category in quarter `t`, on this quarter's `terms`. Reads the
    `firms` and `market` parameters of `p`."""
    fp = p.firms
    count_draw = rng.random(N_CATEGORIES)
    # One child stream per category: the k-th entrant of a category draws the same
    # attributes in every scenario, whatever enters elsewhere.
    children = rng.spawn(N_CATEGORIES)
    entry_cost = terms.entry_cost * terms.real_firms_per_agent * terms.capital_price
    parts = []
    for c in range(N_CATEGORIES):
        incumbents = np.flatnonzero(f.alive & (f.category == c))
        if len(incumbents):
            profit = float(np.maximum(0.0, f.profit[incumbents]).mean())
            capital = fp.cash_target_quarters * float(f.wage_bill[incumbents].mean())
        else:
            profit, capital = np.inf, 0.0
        mean = entry_rate(profit=profit, cost=entry_cost + capital, incumbents=len(incumbents),
                          fp=fp) * max(len(incumbents), 1)
        k = int(stats.poisson.ppf(count_draw[c], mean)) if mean > 0 else 0
        if k == 0:
            continue
        parts.append(_draw_entrants(
            f=f, p=p, cohort=_Cohort(category=c, count=k, incumbents=incumbents,
                                     entry_cost=entry_cost, capital=capital),
            min_standard=terms.min_standard, t=t, rng=children[c],
            frontier=None if terms.frontier is None else float(terms.frontier[c])))
    if not parts:
        return Entrants({}, np.zeros(0), np.zeros(0), np.zeros(0))
    attributes = {name: np.concatenate([e.attributes[name] for e in parts])
                  for name in parts[0].attributes}
    return Entrants(attributes, *(np.concatenate([getattr(e, a) for e in parts])
                                  for a in ("entry_cost", "capital", "expected_demand")))


def _weighted_median(values: np.ndarray, weights: np.ndarray) -> float:
    """The median of `values` weighted by `weights` (the plain median without weight)."""
    if weights.sum() <= 0:
        return float(np.median(values))
    order = np.argsort(values)
    cum = np.cumsum(weights[order])
    return float(values[order][np.searchsorted(cum, 0.5 * cum[-1])])


@dataclass(frozen=True)
class _Cohort:
    """The entrants of one category this quarter."""

    category: int
    count: int
    incumbents: np.ndarray  # rows of the category's live firms
    entry_cost: float  # what each pays to enter, yuan
    capital: float  # the working capital its owners put in besides, yuan


def _draw_entrants(*, f: FirmTable, p: SimpleNamespace, cohort: _Cohort, min_standard: float,
                   t: int, rng: np.random.Generator, frontier: float | None = None) -> Entrants:
    """The attributes of a cohort's entrants (quality around what its category's buyers
    buy, never below `min_standard`; efficiency from the incumbents', and the machines
    they set up with embody the `frontier`, so an entrant's productivity is the
    incumbents' median efficiency at the frontier's technology)."""
    c, k, incumbents = cohort.category, cohort.count, cohort.incumbents
    entry_cost, capital = cohort.entry_cost, cohort.capital
    fp = p.firms
    spread, sigma = fp.entrant_quality_spread, fp.productivity_dispersion
    if len(incumbents):
        quality = _weighted_median(f.quality[incumbents], f.revenue[incumbents])
        # (productivity is relative to the economy's technology: the incumbents' own
        # vintages out, the frontier's in)
        vintage = 0.0 if frontier is None else f.technology[incumbents] - frontier
        log_a = float(np.median(np.log(f.productivity[incumbents]) - vintage))
        markup = float(np.median(f.markup[incumbents]))
    else:
        quality = float(np.mean(fp.initial_quality_range))
        markup = reference_markup(p.market.price_sensitivity)
        log_a = float(np.log1p(markup))
    # Seven draws per entrant, taken entrant by entrant from the category's stream: the
    # j-th entrant draws the same whatever the number of entrants.
    u = rng.random(7 * k).reshape(k, 7).T
    drawn = np.clip(quality + spread * (2.0 * u[0] - 1.0), 0.0, 1.0)
    productivity = np.exp(log_a + sigma * stats.norm.ppf(u[1]))
    attrs = firm_attributes(p=p, category=np.full(k, c), quality=np.maximum(drawn, min_standard),
                            productivity=productivity, markup=np.full(k, markup), u=u[2:7])
    if frontier is not None:
        attrs["technology"] = np.full(k, frontier)
    # (the k-th entrant of category c in quarter t: the same firm in every scenario)
    attrs["key"] = (t + 2) * 2**32 + c * 2**24 + np.arange(k)
    if CAPACITY_SERVICES[c] and len(incumbents):
        attrs["capacity"] = np.full(k, f.capacity[incumbents].mean())
    peers = f.expected_demand[incumbents]
    demand = fp.entrant_demand_share * peers.mean() if len(peers) else 0.0
    return Entrants(attrs, np.full(k, entry_cost), np.full(k, capital), np.full(k, demand))


@dataclass(frozen=True)
class Financing:
    """How this quarter's entrants are financed.

    Attributes:
        financed: which entrants found the money (in order within their category).
        equity: what each financed entrant's owners put in, yuan.
        paid: what each incumbent firm row puts in, yuan (its retained profits).
    """

    financed: np.ndarray
    equity: np.ndarray
    paid: np.ndarray


def retained_profits(*, f: FirmTable, fp: Firms) -> np.ndarray:
    """Each live firm's cash above what it keeps for its wage bill, yuan: the retained
    profits its owners may put into new firms (sim.economy.processes.firms.dividends
    pays out `payout` of it each quarter)."""
    keep = fp.cash_target_quarters * f.wage_bill
    return np.where(f.alive, np.maximum(0.0, f.cash - keep), 0.0)


def financing(*, f: FirmTable, fp: Firms, entrants: Entrants, category: np.ndarray,
              loan_share: float) -> Financing:
    """Entrants are financed as firms are: the bank lends `loan_share` of the set-up
    (secured by the capital it buys: paid on delivery, an overdraft within the credit
    line), and owners put in the rest and the working capital out of the retained
    profits of the firms they own, each firm in proportion to its retained profits
    (owners reinvest where entry pays). When the retained profits fall short, each
    category's entrants get a share of them in proportion to what they need and are
    financed in order within it; the others do not enter."""
    equity = (1.0 - loan_share) * entrants.entry_cost + entrants.capital
    funds = retained_profits(f=f, fp=fp)
    available = float(funds.sum())
    need = np.bincount(category, weights=equity, minlength=N_CATEGORIES)
    allotment = need * min(1.0, available / need.sum()) if need.sum() > 0 else need
    financed = np.zeros(len(entrants), dtype=bool)
    for c in np.flatnonzero(need > 0):
        rows = np.flatnonzero(category == c)
        financed[rows[np.cumsum(equity[rows]) <= allotment[c] * (1.0 + 1e-12)]] = True
    raised = float(equity[financed].sum())
    share = raised / available if available > 0 else 0.0
    return Financing(financed=financed, equity=np.where(financed, equity, 0.0),
                     paid=funds * share)
