"""Step 8 of the quarter: quality risk, trust, consumer protection and enforcement.

A firm whose true quality is below its declared quality (misdeclaration, 以次充好)
disappoints some of its buyers. A disappointed household loses trust in that
category's domestic products, in proportion to the part of the loss that is not
remedied (consumer protection, 四（三）, 四（四）); the remedied part is refunded by the
firm. Inspections catch a misdeclaring firm with probability
`policy.quality.enforcement` per quarter (四（二）): its product is recalled, its
declared quality corrected, it is fined, and trust in its category recovers in
proportion to the market share caught. Trust otherwise reverts slowly to its initial
level. Firms misdeclare when their gain exceeds the expected fine plus their own honesty
cost (Becker 1968 deterrence); gains are lognormal across firms
(`firms.misdeclaration_gain_dispersion`), so each step of enforcement deters the firms
whose gain it now falls short of, and a caught firm's probation keeps it honest for
`firms.probation_quarters`.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import SimpleNamespace
from typing import NamedTuple

import numpy as np

from sim.config.parameters import Firms
from sim.economy.agents import FirmTable, HouseholdTable
from sim.economy.constants import N_CATEGORIES
from sim.economy.goods_market import N_HOUSEHOLD_SEGMENTS, Clearing
from sim.economy.kernels import jit
from sim.economy.rules import pro_rata


def declarations(*, f: FirmTable, enforcement: float, fp: Firms, t: int) -> np.ndarray:
    """The quality each firm declares for this quarter's sales: its true quality, or
    `misdeclaration_gap` above it for a live firm off probation whose own gain from
    overstating beats the expected fine plus its own honesty cost."""
    expected_fine = enforcement * fp.fine_rate
    tempted = f.misdeclaration_gain - expected_fine - f.honesty > 0.0
    misdeclaring = f.alive & tempted & (f.probation_until < t)
    return np.where(misdeclaring, np.minimum(1.0, f.quality + fp.misdeclaration_gap), f.quality)


@dataclass
class QualityRisk:
    """What quality risk and enforcement did this quarter.

    Attributes:
        refund: remedies paid to each household, yuan.
        charged: remedies each firm pays, yuan (province).
        fines: fines each firm pays, yuan.
        caught: firms caught misdeclaring (their products recalled).
        mean_trust: households' mean trust after the quarter.
    """

    refund: np.ndarray
    charged: np.ndarray
    fines: np.ndarray
    caught: np.ndarray
    mean_trust: float


def exposure(*, clearing: Clearing, misdeclaration_gap: float) -> np.ndarray:
    """Each segment's exposure to misdeclared quality by category: its spending share on
    misdeclared products weighted by their gap, relative to a full gap (0 to 1)."""
    opt = clearing.options
    hh = clearing.spent[:N_HOUSEHOLD_SEGMENTS]
    gap = np.maximum(0.0, opt.declared - opt.quality)
    cheat = gap > 1e-12
    out = np.zeros((N_HOUSEHOLD_SEGMENTS, N_CATEGORIES))
    total = np.zeros_like(out)
    for c in range(N_CATEGORIES):
        cols = opt.category == c
        total[:, c] = hh[:, cols].sum(axis=1)
        out[:, c] = (hh[:, cols & cheat] * gap[cols & cheat]).sum(axis=1)
    return np.divide(out, total * misdeclaration_gap, out=np.zeros_like(out), where=total > 0)


@dataclass(frozen=True)
class Scrutiny:
    """How this quarter's purchases are policed (四（二）-（四）).

    Attributes:
        enforcement: the chance an inspection catches a misdeclaring firm this quarter
            (policy.quality.enforcement).
        protection: the share of a disappointment that is remedied
            (policy.protection.strength).
        notice: the random stream that draws which buyers notice a misdeclared purchase.
        inspect_draw: a uniform draw per firm (an inspection finds it if below
            `enforcement`).
    """

    enforcement: float
    protection: float
    notice: np.random.Generator
    inspect_draw: np.ndarray


def risk_and_enforcement(*, h: HouseholdTable, f: FirmTable, clearing: Clearing,
                         scrutiny: Scrutiny, p: SimpleNamespace, scale: float) -> QualityRisk:
    """Disappointments, remedies, inspections and fines, and households' trust, which
    is updated in place (`h.trust`: households x categories; a copy would cost a table
    every quarter), after households' realised spending this quarter (`h.spending`).
    Reads the `households` and `firms` parameters of `p`."""
    hp, fp = p.households, p.firms
    enforcement, protection = scrutiny.enforcement, scrutiny.protection
    opt, trust = clearing.options, h.trust
    notice_draw = scrutiny.notice.random(trust.shape)
    share = exposure(clearing=clearing, misdeclaration_gap=fp.misdeclaration_gap)
    chance = hp.disappointment_rate * share  # of noticing, by segment and category

    # Inspections: caught firms are fined, their declaration corrected, trust restored.
    caught = (f.declared > f.quality + 1e-12) & f.alive & (scrutiny.inspect_draw < enforcement)
    sales = np.bincount(f.category[f.alive], weights=f.revenue[f.alive], minlength=N_CATEGORIES)
    recalled = np.bincount(f.category[caught], weights=f.revenue[caught], minlength=N_CATEGORIES)
    restore = fp.recall_trust_restore * np.divide(recalled, sales, out=np.zeros(N_CATEGORIES),
                                                  where=sales > 0)

    # Remedies: the remedied share of the value lost (the quality gap on the misdeclared
    # part of the purchase) is refunded by the misdeclaring firms. Trust recovers faster
    # where complaints are known to be handled (四（四）).
    refund, by_category, trust_sum = _trust_and_remedies(
        _Shoppers(notice_draw, clearing.segment, h.spending, trust),
        _TrustRule(chance, 1.0 - hp.trust_loss * (1.0 - protection),
                   share * fp.misdeclaration_gap, protection, restore, hp.trust_initial,
                   hp.trust_recovery * (1.0 + protection)))

    # Each category's remedies are charged to its misdeclaring firms by their sales.
    hh = clearing.spent[:N_HOUSEHOLD_SEGMENTS]
    cheat = np.maximum(0.0, opt.declared - opt.quality) > 1e-12
    cheat_sales = np.zeros(len(f))
    np.add.at(cheat_sales, opt.firm[cheat], hh[:, cheat].sum(axis=0))
    charged = np.zeros(len(f))
    for c in np.flatnonzero(by_category > 0):
        charged += pro_rata(total=scale * by_category[c],
                            eligible=(f.category == c) & (cheat_sales > 0), weights=cheat_sales,
                            fallback=f.alive)
    fines = np.where(caught, fp.fine_rate * f.revenue, 0.0)
    return QualityRisk(refund, charged, fines, caught, trust_sum / trust.size)


class _Shoppers(NamedTuple):
    notice_draw: np.ndarray  # a uniform draw per household and category
    segment: np.ndarray  # each household's segment row
    spending: np.ndarray  # realised spending, households x categories, yuan
    trust: np.ndarray  # trust, households x categories (updated in place)


class _TrustRule(NamedTuple):
    chance: np.ndarray  # of noticing a disappointment, by segment and category
    kept: float  # share of trust a disappointed buyer keeps
    lost_share: np.ndarray  # value lost per yuan spent, by segment and category
    strength: float  # share of the loss remedied
    restore: np.ndarray  # recalls' restoration of trust, by category
    initial: float  # the level trust reverts to
    rate: float  # the speed of reversion, a quarter


@jit
def _trust_and_remedies(shoppers, rule):
    """One pass over households and categories. The disappointed (a draw below their
    segment's chance, having bought in the category) keep `kept` of their trust and are
    owed a remedy; recalls then restore trust by category (`restore`, share of the way
    to 1), and trust reverts towards `initial` at `rate` per quarter, within [0, 1].
    Returns the remedy of each household and by category, yuan, and the sum of trust."""
    notice_draw, segment, spending, trust = shoppers
    chance, kept, lost_share, strength, restore, initial, rate = rule
    n, k = spending.shape
    refund = np.zeros(n)
    by_category = np.zeros(k)
    trust_sum = 0.0
    for i in range(n):
        s = segment[i]
        for c in range(k):
            hit = notice_draw[i, c] < chance[s, c] and spending[i, c] > 0.0
            t = trust[i, c] * kept if hit else trust[i, c]
            if hit:
                owed = strength * (lost_share[s, c] * spending[i, c])
                refund[i] += owed
                by_category[c] += owed
            t += restore[c] * (1.0 - t)
            t += (initial - t) * rate
            trust[i, c] = min(max(t, 0.0), 1.0)
            trust_sum += trust[i, c]
    return refund, by_category, trust_sum
