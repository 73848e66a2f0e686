"""The goods market's vocabulary, shared by the processes that choose suppliers, clear
the market, settle payments, judge quality and plan upgrades: the buyer rows, the
choice set and what clearing produced (docs/model.md, "Supplier choice").

Buyers are rows: one per household segment (kind x region x online access x taste
bin: the logit shares are computed per segment, budgets stay per household), then the
rest of the world (exports) and the government (public services). Buyers split their
spending in a category over its options by a nested logit (`choice_shares`).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields

import numpy as np

from sim.economy.constants import ABROAD, IMPORTED, KINDS, N_CATEGORIES
from sim.economy.kernels import jit

N_TASTE_BINS = 6  # resolution of households' taste for quality in the choice shares
N_HOUSEHOLD_SEGMENTS = len(KINDS) * 2 * 2 * N_TASTE_BINS
EXPORT_ROW = N_HOUSEHOLD_SEGMENTS
GOVERNMENT_ROW = N_HOUSEHOLD_SEGMENTS + 1
N_BUYER_ROWS = N_HOUSEHOLD_SEGMENTS + 2


def segment_rows() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Kind, region and online access of each household segment row."""
    s = np.arange(N_HOUSEHOLD_SEGMENTS) // N_TASTE_BINS
    return s // 4, (s // 2) % 2, (s % 2).astype(bool)


@dataclass
class Options:
    """The choice set of all categories this quarter, one entry per option."""

    category: np.ndarray  # category index
    firm: np.ndarray  # firm row, -1 for the other provinces and the foreign supplier
    channel: np.ndarray  # OFFLINE, ONLINE, PROVINCES, ABROAD or IMPORTED
    quality: np.ndarray  # true quality
    declared: np.ndarray  # declared quality (true for foreign)
    price: np.ndarray  # yuan per unit paid to the seller (before the rural surcharge)
    region: np.ndarray  # seller's region (-1 for foreign)
    targeted: np.ndarray  # product targeted by the subsidy
    # log of the real varieties the option stands for, in market.variety_unit (0 for
    # the foreign supplier; all 0 if not given)
    log_varieties: np.ndarray | None = None
    _partner: np.ndarray | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.log_varieties is None:
            self.log_varieties = np.zeros(len(self.category))

    def ordered(self, order: np.ndarray) -> Options:
        """The same choice set with its options in `order`."""
        return Options(**{f.name: getattr(self, f.name)[order] for f in fields(self)
                          if not f.name.startswith("_")})

    def foreign(self) -> np.ndarray:
        """The foreign supplier's options (bought abroad or imported): they share a
        nest in each category (`choice_shares`)."""
        return (self.channel == ABROAD) | (self.channel == IMPORTED)

    def firm_share(self, share: np.ndarray) -> np.ndarray:
        """For each buyer row and option, the share of the row's category budget held by
        all the options of the option's firm (offline and online together; zero for
        the foreign supplier)."""
        partner = self.partner()
        held = np.where(self.firm >= 0, share, 0.0)
        has = np.flatnonzero(partner >= 0)
        held[:, has] += share[:, partner[has]]
        return held

    def partner(self) -> np.ndarray:
        """Each option's other option of the same firm (-1 if none: a firm has at most
        two, offline and online), worked out once per choice set."""
        if self._partner is not None:
            return self._partner
        domestic = np.flatnonzero(self.firm >= 0)
        firms = self.firm[domestic]
        order = np.argsort(firms, kind="stable")
        sorted_firms = firms[order]
        first = np.searchsorted(sorted_firms, sorted_firms, side="left")
        last = np.searchsorted(sorted_firms, sorted_firms, side="right")
        # the other option of the same firm, if any (a firm has at most two)
        other = np.where(last - first == 2,
                         np.where(np.arange(len(order)) == first, first + 1, first), -1)
        partner = np.full(len(self), -1)
        partner[domestic[order]] = np.where(other >= 0, domestic[order][np.maximum(other, 0)],
                                            -1)
        self._partner = partner
        return partner

    def __len__(self) -> int:
        return len(self.category)


@dataclass
class Clearing:
    """What the goods market did this quarter (buyer rows x options).

    Attributes:
        options: the choice set.
        segment: each household's segment row.
        taste, trust: each buyer row's taste for quality and trust by category.
        demand: nominal demand by buyer row and category, yuan (province).
        share: planned shares of each option in its category, by buyer row.
        utility: utilities, -inf where an option is out of a buyer's reach.
        surcharge: the rural delivery surcharge, share of the price, by buyer row.
        spent: spending at delivered prices, buyer rows x options, yuan (planned
            before clearing, realised after).
        fill: realised over planned spending by buyer row and category.
        units_demanded, units_sold: by firm (clearing only).
        quality_seen, quality_got: each option's quality as buyers see it before trust
            and as they get it (sim.economy.processes.choice.qualities; None: as
            declared and true).
        rebate: the share of each option's price that rebates pay back (None: none).
    """

    options: Options
    segment: np.ndarray
    taste: np.ndarray
    trust: np.ndarray
    demand: np.ndarray
    share: np.ndarray
    utility: np.ndarray
    surcharge: np.ndarray
    spent: np.ndarray
    fill: np.ndarray
    units_demanded: np.ndarray | None = None
    units_sold: np.ndarray | None = None
    quality_seen: np.ndarray | None = None
    quality_got: np.ndarray | None = None
    rebate: np.ndarray | None = None

    def delivered_price(self) -> np.ndarray:
        """Price paid per unit by each buyer row, surcharge included (rows x options)."""
        return self.options.price[None, :] * (1.0 + self.surcharge)


def category_blocks(category: np.ndarray) -> list[slice] | None:
    """The column range of each category when options are ordered by category (as
    sim.economy.processes.choice.options orders them), else None."""
    if len(category) and not np.all(category[1:] >= category[:-1]):
        return None
    bounds = np.searchsorted(category, np.arange(N_CATEGORIES + 1))
    return [slice(int(bounds[c]), int(bounds[c + 1])) for c in range(N_CATEGORIES)]


def by_category(*, values: np.ndarray, category: np.ndarray) -> np.ndarray:
    """Sum buyer-row x option values into buyer-row x category."""
    out = np.zeros((values.shape[0], N_CATEGORIES))
    blocks = category_blocks(category)
    for c in range(N_CATEGORIES):
        cols = blocks[c] if blocks is not None else category == c
        out[:, c] = values[:, cols].sum(axis=1)
    return out


def firm_totals(*, per_option: np.ndarray, options: Options, n_firms: int) -> np.ndarray:
    """Sum per-option values (one per option) into one per firm (foreign options left
    out)."""
    domestic = options.firm >= 0
    return np.bincount(options.firm[domestic], weights=per_option[domestic],
                       minlength=n_firms).astype(float)


def choice_shares(*, utility: np.ndarray, category: np.ndarray, nested: np.ndarray,
                  nest_scale: float) -> np.ndarray:
    """Shares of each option within its category, by buyer row: a nested logit
    (McFadden 1978; Train 2009 ch. 4) in which the `nested` options of a category (the
    foreign supplier bought abroad or at home, close substitutes) share a nest with
    dissimilarity `nest_scale`, and every other option stands alone."""
    blocks = category_blocks(category)
    if blocks is None:  # order the options by category, and back
        order = np.argsort(category, kind="stable")
        share = np.empty_like(utility)
        share[:, order] = choice_shares(utility=utility[:, order], category=category[order],
                                        nested=nested[order], nest_scale=nest_scale)
        return share
    bounds = np.array([b.start for b in blocks] + [blocks[-1].stop], dtype=np.int64)
    return _nested_shares(utility, bounds, nested, nest_scale)


@jit
def _nested_shares(utility, bounds, nested, nest_scale):
    """`choice_shares` for options ordered by category (`bounds`: the first column of
    each category and the end), row by row and category by category, one exponential
    per option."""
    rows, n = utility.shape
    share = np.zeros((rows, n))
    for r in range(rows):
        u = utility[r]
        out = share[r]
        for c in range(len(bounds) - 1):
            start, end = bounds[c], bounds[c + 1]
            top = -np.inf  # the largest utility among the options outside the nest
            top_nest = -np.inf  # the largest scaled utility in the nest
            for j in range(start, end):
                if nested[j]:
                    top_nest = max(top_nest, u[j] / nest_scale)
                else:
                    top = max(top, u[j])
            # the nest: within-nest weights and the inclusive value
            nest_total = 0.0
            inclusive = -np.inf
            if np.isfinite(top_nest):
                for j in range(start, end):
                    if nested[j]:
                        out[j] = np.exp(u[j] / nest_scale - top_nest)
                        nest_total += out[j]
                inclusive = nest_scale * (top_nest + np.log(nest_total))
            high = max(top, inclusive)
            if not np.isfinite(high):
                continue  # every option out of reach
            total = 0.0
            for j in range(start, end):
                if not nested[j]:
                    out[j] = np.exp(u[j] - high)
                    total += out[j]
            upper = np.exp(inclusive - high) if np.isfinite(inclusive) else 0.0
            total += upper
            for j in range(start, end):
                if nested[j]:
                    out[j] = upper / total * out[j] / nest_total if nest_total > 0 else 0.0
                else:
                    out[j] = out[j] / total
    return share

