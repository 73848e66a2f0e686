"""Step 12 of the quarter: what households' consumption is worth to them, in yuan of the
choice set the economy opened with (money-metric welfare).

Within a category a household segment chooses among options by the nested logit of
sim.economy.processes.choice, u = taste * perceived quality - alpha * log(delivered price)
+ log(varieties) + channel terms. Utility is linear in log price with weight alpha (the
market's `price_sensitivity`), so the logit is a CES demand system and its log-sum is an
exact price index (Anderson, de Palma and Thisse 1992, ch. 3; Small and Rosen 1981): a
segment that spends e on the category gets log(e) + V, with

    V = (log-sum of u + sum_j s_j * (experienced - decision utility)_j) / alpha,

the expected maximum utility in yuan-log units. The second term is the correction for
choices made on beliefs that differ from what is consumed (Leggett 2002, Land
Economics: welfare with misperceived quality): buyers choose on declared quality times
their trust and consume true quality; they choose on prices net of rebates, and the
rebate comes back as income (counted when it is spent), so consumption is valued at the
price paid. Better quality at its cost, more varieties from entry, a wider reach (online
access), lower prices and fewer misdeclared goods all raise V.

The money-metric welfare of a household is what it would need to spend, facing the
options, prices, qualities and varieties of the opening (the burnt-in quarter before
2016Q1, the same in every scenario of a seed), to be as well off as with its spending
this quarter: sum over categories of e_c * exp(V_c now - V_c at the opening), an
equivalent variation (Chipman and Moore 1980: measured at one reference price system,
so scenarios rank consistently). Both sides use the household's taste now (its
preferences) and the opening's options at the trust of the opening (beliefs are not
preferences), and the opening's reach is the household's status-quo online access. The
upper stage, the linear expenditure system over categories, is left at the spending
each household chose: the measure values how far each category's yuan go, not a change
of the budget split.

A category with no option in reach at the opening or now is valued at its spending.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from sim.config.parameters import Market
from sim.economy.constants import KINDS, N_CATEGORIES, PROVINCES
from sim.economy.goods_market import (
    N_HOUSEHOLD_SEGMENTS,
    N_TASTE_BINS,
    Clearing,
    category_blocks,
    segment_rows,
)
from sim.economy.kernels import jit


def _seen(clearing: Clearing) -> np.ndarray:
    return (clearing.quality_seen if clearing.quality_seen is not None
            else clearing.options.declared)


def _got(clearing: Clearing) -> np.ndarray:
    return clearing.quality_got if clearing.quality_got is not None else clearing.options.quality


def _trusted(clearing: Clearing) -> np.ndarray:
    """Options whose declared quality buyers discount by their trust."""
    opt = clearing.options
    return (opt.firm >= 0) | (opt.channel == PROVINCES)


def _rebate_term(clearing: Clearing, alpha: float) -> np.ndarray:
    """alpha * log(1 - rebate) by option: decision utility counts the rebate, welfare
    values the price paid (the rebate is income, spent later)."""
    if clearing.rebate is None:
        return np.zeros(len(clearing.options))
    return alpha * np.log1p(-np.minimum(clearing.rebate, 1.0 - 1e-12))


class _Choices(NamedTuple):
    """A choice set in the compiled loop's terms (options ordered by category)."""

    utility: np.ndarray  # rows x options: the utility, or (taste_term) all but its taste term
    taste_term: bool  # whether taste * perceived quality is still to be added to `utility`
    trust: np.ndarray  # rows x categories: the trust perceived quality is seen with
    seen: np.ndarray  # quality seen before trust, by option
    trusted: np.ndarray  # quality seen is discounted by trust, by option
    got: np.ndarray  # quality got, by option
    rebate_term: np.ndarray  # alpha * log(1 - rebate), by option
    category: np.ndarray
    bounds: np.ndarray  # the first option of each category, and the end
    nested: np.ndarray  # in the foreign nest


def _choices(*, utility: np.ndarray, taste_term: bool, trust: np.ndarray, clearing: Clearing,
             mp: Market) -> _Choices:
    opt = clearing.options
    blocks = category_blocks(opt.category)
    if blocks is None:
        raise ValueError("options must be ordered by category")
    bounds = np.array([b.start for b in blocks] + [blocks[-1].stop], dtype=np.int64)
    return _Choices(utility, taste_term, trust, _seen(clearing), _trusted(clearing),
                    _got(clearing), _rebate_term(clearing, mp.price_sensitivity),
                    opt.category, bounds, opt.foreign())


@jit
def _value_kernel(choices, taste, source, needed, nest_scale):
    """V times alpha for each row r (taste[r]; its choice set, trust and reach those of
    row source[r]) and category: the nested logit's log-sum (as
    sim.economy.goods_market.log_sums) plus the gap between experienced and decision
    utility, taste * (got - perceived) + rebate_term, weighted by the choice
    probabilities (as choice_shares), in one pass; -inf for rows not `needed`."""
    (utility, taste_term, trust, seen, trusted, got, rebate_term, category, bounds,
     nested) = choices
    n = len(category)
    out = np.full((len(taste), len(bounds) - 1), -np.inf)
    u, gap = np.empty(n), np.empty(n)
    for r in range(len(taste)):
        if not needed[r]:
            continue
        s = source[r]
        for j in range(n):
            perceived = seen[j] * trust[s, category[j]] if trusted[j] else seen[j]
            u[j] = utility[s, j] + (taste[r] * perceived if taste_term else 0.0)
            gap[j] = taste[r] * (got[j] - perceived) + rebate_term[j]
        for c in range(len(bounds) - 1):
            start, end = bounds[c], bounds[c + 1]
            top, top_nest = -np.inf, -np.inf
            for j in range(start, end):
                if nested[j]:
                    top_nest = max(top_nest, u[j] / nest_scale)
                else:
                    top = max(top, u[j])
            inclusive, nest_total, nest_gap = -np.inf, 0.0, 0.0
            if np.isfinite(top_nest):
                for j in range(start, end):
                    if nested[j]:
                        w = np.exp(u[j] / nest_scale - top_nest)
                        nest_total += w
                        nest_gap += w * gap[j]
                inclusive = nest_scale * (top_nest + np.log(nest_total))
            high = max(top, inclusive)
            if not np.isfinite(high):
                continue
            total, expected_gap = 0.0, 0.0
            for j in range(start, end):
                if not nested[j] and np.isfinite(u[j]):
                    w = np.exp(u[j] - high)
                    total += w
                    expected_gap += w * gap[j]
            upper = np.exp(inclusive - high) if np.isfinite(inclusive) else 0.0
            if upper > 0.0:
                expected_gap += upper * nest_gap / nest_total
            total += upper
            out[r, c] = high + np.log(total) + expected_gap / total
    return out


def log_sums(*, utility: np.ndarray, category: np.ndarray, nested: np.ndarray,
             nest_scale: float) -> np.ndarray:
    """The inclusive value of each category's choice set, by row (rows x categories; -inf
    where every option is out of reach): the expected maximum utility of the nested logit
    of sim.economy.goods_market.choice_shares (McFadden 1978; Small and Rosen 1981), by
    the kernel that values choice sets, with no gap between experience and decision."""
    blocks = category_blocks(category)
    if blocks is None:
        raise ValueError("options must be ordered by category")
    rows, n = utility.shape
    zero = np.zeros(n)
    choices = _Choices(utility, False, np.ones((rows, N_CATEGORIES)), zero,
                       np.zeros(n, dtype=bool), zero, zero, category,
                       np.array([b.start for b in blocks] + [blocks[-1].stop], dtype=np.int64),
                       nested)
    return _value_kernel(choices, np.zeros(rows), np.arange(rows), np.ones(rows, dtype=bool),
                         nest_scale)


def _all(needed: np.ndarray | None) -> np.ndarray:
    return np.ones(N_HOUSEHOLD_SEGMENTS, dtype=bool) if needed is None else needed


def values_now(*, clearing: Clearing, mp: Market, needed: np.ndarray | None = None
               ) -> np.ndarray:
    """V of this quarter's choice set, by household segment and category (rows x 8;
    -inf where nothing is in reach), at the segments' taste and trust now (for the
    `needed` segments only, if given)."""
    rows = slice(0, N_HOUSEHOLD_SEGMENTS)
    choices = _choices(utility=clearing.utility[rows], taste_term=False,
                       trust=clearing.trust[rows], clearing=clearing, mp=mp)
    return _value_kernel(choices, clearing.taste[rows], np.arange(N_HOUSEHOLD_SEGMENTS),
                         _all(needed), mp.foreign_nest_scale) / mp.price_sensitivity


@dataclass(frozen=True)
class OpeningChoices:
    """The choice set the economy opened with, by household segment and option.

    Attributes:
        clearing: the opening's goods market (its options, qualities and rebates).
        rest: utility less its taste term (rows x options; -inf out of reach).
        trust: the trust of each segment at the opening, by category (a segment without
            households: its kind's mean).
        spending_pc: consumption per person at the opening by kind, and in all (4),
            yuan per quarter: what `welfare_gain_pc` counts gains from.
    """

    clearing: Clearing
    rest: np.ndarray
    trust: np.ndarray
    spending_pc: np.ndarray


def opening_choices(*, clearing: Clearing, kind: np.ndarray, trust: np.ndarray,
                    persons: np.ndarray, spending: np.ndarray) -> OpeningChoices:
    """The opening's choice set from its goods market (`clearing`) and households (their
    `kind`, `trust` by category, `persons`, `spending` by category)."""
    rows = slice(0, N_HOUSEHOLD_SEGMENTS)
    opt = clearing.options
    used = clearing.trust[rows][:, opt.category]
    perceived = np.where(_trusted(clearing)[None, :], used * _seen(clearing)[None, :],
                         _seen(clearing)[None, :])
    filled = clearing.trust[rows].copy()
    row_kind = segment_rows()[0]
    for k in range(len(KINDS)):
        mine = kind == k
        empty = (row_kind == k) & ~np.any(filled > 0, axis=1)
        if mine.any():
            filled[empty] = trust[mine].mean(axis=0)
    per_kind = np.array([spending[kind == k].sum() / max(persons[kind == k].sum(), 1e-12)
                         for k in range(len(KINDS))])
    total = spending.sum() / max(persons.sum(), 1e-12)
    return OpeningChoices(clearing=clearing,
                          rest=clearing.utility[rows] - clearing.taste[rows, None] * perceived,
                          trust=filled, spending_pc=np.append(per_kind, total))


def online_row(rows: np.ndarray, online: np.ndarray | bool) -> np.ndarray:
    """The household segment rows `rows` with their online access set to `online`."""
    bit = (rows // N_TASTE_BINS) % 2
    return rows + (np.asarray(online, dtype=np.intp) - bit) * N_TASTE_BINS


def values_then(*, opening: OpeningChoices, taste: np.ndarray, mp: Market,
                needed: np.ndarray | None = None) -> np.ndarray:
    """V of the opening's choice set at the segments' `taste` now (by buyer row), with
    the reach of each segment without and with online access (2 x rows x 8; for the
    `needed` pairs of online access and segment only, if given)."""
    rows = np.arange(N_HOUSEHOLD_SEGMENTS)
    choices = _choices(utility=opening.rest, taste_term=True, trust=opening.trust,
                       clearing=opening.clearing, mp=mp)
    needed = np.ones((2, N_HOUSEHOLD_SEGMENTS), dtype=bool) if needed is None else needed
    return np.stack([
        _value_kernel(choices, taste[:N_HOUSEHOLD_SEGMENTS], online_row(rows, online),
                      needed[online], mp.foreign_nest_scale) / mp.price_sensitivity
        for online in (0, 1)])


def needed_rows(*, segment: np.ndarray, opening_online: np.ndarray
                ) -> tuple[np.ndarray, np.ndarray]:
    """The segments households are in now, and the (online access, segment) pairs of
    their opening reach: the rows `values_now` and `values_then` must value."""
    now = np.zeros(N_HOUSEHOLD_SEGMENTS, dtype=bool)
    now[segment] = True
    then = np.zeros((2, N_HOUSEHOLD_SEGMENTS), dtype=bool)
    then[opening_online.astype(np.intp), segment] = True
    return now, then


@jit
def _money_metric(spending, segment, opening_online, now, then):
    out = np.zeros(len(segment))
    for i in range(len(segment)):
        s, o = segment[i], opening_online[i]
        total = 0.0
        for c in range(spending.shape[1]):
            e = spending[i, c]
            if e == 0.0:
                continue
            if np.isfinite(now[s, c]) and np.isfinite(then[o, s, c]):
                total += e * np.exp(now[s, c] - then[o, s, c])
            else:
                total += e
        out[i] = total
    return out


def money_metric(*, spending: np.ndarray, segment: np.ndarray, opening_online: np.ndarray,
                 now: np.ndarray, then: np.ndarray) -> np.ndarray:
    """Each household's money-metric consumption: yuan at the opening's choice set that
    leave it as well off as its `spending` (households x 8, yuan) in its `segment` now,
    with `opening_online` its status-quo online access (`now`: `values_now`; `then`:
    `values_then`)."""
    return _money_metric(spending, segment.astype(np.intp), opening_online.astype(np.intp),
                         now, then)
