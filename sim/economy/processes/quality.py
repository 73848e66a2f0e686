"""Step 8 of the quarter: quality risk, trust, consumer protection and enforcement.

A firm whose true quality is below its declared quality (misdeclaration, 以次充好)
disappoints some of its buyers. A disappointed household loses trust in that
category's domestic products, in proportion to the part of the loss that is not
remedied (consumer protection, 四（三）, 四（四）); the remedied part is refunded by
the firm. Inspections catch a misdeclaring firm with probability
`policy.quality.enforcement` per quarter (四（二）): its product is recalled, its
declared quality corrected, it is fined, and trust in its category recovers in
proportion to the market share caught. Trust otherwise reverts slowly to its initial
level. Firms misdeclare when the gain exceeds the expected fine plus their own
honesty cost (Becker 1968 deterrence).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from sim.economy.constants import N_CATEGORIES
from sim.economy.kernels import jit, pairwise_leaves, pairwise_total, tree8
from sim.economy.processes.market import N_HOUSEHOLD_SEGMENTS, Clearing

if TYPE_CHECKING:
    from sim.economy.model import EconomyModel


def misdeclaring(model: EconomyModel) -> np.ndarray:
    """Firms that overstate their quality this quarter."""
    f, fp = model.firms, model.p.firms
    expected_fine = model.levers.quality.enforcement * fp.fine_rate
    tempted = fp.misdeclaration_gain - expected_fine - f.honesty > 0.0
    return f.alive & tempted & (f.probation_until < model.t)


def set_declarations(model: EconomyModel) -> None:
    """Firms choose what quality to declare for this quarter's sales."""
    f, fp = model.firms, model.p.firms
    f.declared = np.where(misdeclaring(model),
                          np.minimum(1.0, f.quality + fp.misdeclaration_gap), f.quality)


def run(model: EconomyModel, clearing: Clearing) -> None:
    """Disappointments, remedies, inspections, fines and trust."""
    h, f, hp, fp = model.households, model.firms, model.p.households, model.p.firms
    rng = model.rng_for("quality")
    opt = clearing.options
    n = len(h)
    notice_draw = rng.random((n, N_CATEGORIES))
    inspect_draw = rng.random(len(f))

    hh = clearing.spent[:N_HOUSEHOLD_SEGMENTS]
    gap = np.maximum(0.0, opt.declared - opt.quality)
    cheat = gap > 1e-12
    exposure = np.zeros((N_HOUSEHOLD_SEGMENTS, N_CATEGORIES))
    total = np.zeros_like(exposure)
    for c in range(N_CATEGORIES):
        cols = opt.category == c
        total[:, c] = hh[:, cols].sum(axis=1)
        exposure[:, c] = (hh[:, cols & cheat] * gap[cols & cheat]).sum(axis=1)
    # Chance of noticing: spending share on misdeclared products, scaled by the gap.
    exposure = np.divide(exposure, total * fp.misdeclaration_gap, out=np.zeros_like(exposure),
                         where=total > 0)
    chance = hp.disappointment_rate * exposure  # by segment and category
    strength = model.levers.protection.strength

    # Inspections: caught firms are fined, their declaration corrected, trust restored.
    inspected = inspect_draw < model.levers.quality.enforcement
    caught = (f.declared > f.quality + 1e-12) & f.alive & inspected
    sales_c = np.bincount(f.category[f.alive], weights=f.revenue[f.alive], minlength=N_CATEGORIES)
    caught_c = np.bincount(f.category[caught], weights=f.revenue[caught], minlength=N_CATEGORIES)
    restore = fp.recall_trust_restore * np.divide(caught_c, sales_c, out=np.zeros(N_CATEGORIES),
                                                  where=sales_c > 0)

    # Remedies: the remedied share of the value lost (the quality gap on the misdeclared
    # part of the purchase) is refunded by the misdeclaring firms. Trust recovers faster
    # where complaints are known to be handled (四（四）).
    lost_share = exposure * fp.misdeclaration_gap
    total, refund, by_cat, trust_total = _trust_and_remedies(
        notice_draw, chance, clearing.segment, h.spending, h.trust,
        1.0 - hp.trust_loss * (1.0 - strength), lost_share, strength,
        restore, hp.trust_initial, hp.trust_recovery * (1.0 + strength))
    model.remedies = model.scale * total
    model.mean_trust = trust_total / h.trust.size  # (as h.trust.mean() adds it)
    h.deposits += refund
    h.income += refund
    if model.remedies > 0.0:
        by_cat = model.scale * by_cat
        cheat_firms = np.zeros(len(f))
        np.add.at(cheat_firms, opt.firm[cheat], hh[:, cheat].sum(axis=0))
        for c in np.flatnonzero(by_cat > 0):
            model.distribute(f.cash, (f.category == c) & (cheat_firms > 0), -by_cat[c],
                             weights=cheat_firms)
        model.ledger.pay("remedies", "firms", "households", model.remedies)

    fines = np.where(caught, fp.fine_rate * f.revenue, 0.0)
    f.cash -= fines
    model.government.account += fines.sum()
    model.ledger.pay("fines", "firms", "government", fines.sum())
    f.declared[caught] = f.quality[caught]
    f.probation_until[caught] = model.t + fp.probation_quarters
    model.recalls = int(caught.sum())


@jit
def _trust_and_remedies(notice_draw, chance, segment, spending, trust, kept, lost_share,
                        strength, restore, initial, rate):
    """One pass over households and categories. The disappointed (a draw below their
    segment's chance, having bought in the category) keep `kept` of their trust and are
    owed a remedy; recalls then restore trust by category (`restore`, share of the way
    to 1), and trust reverts towards `initial` at `rate` per quarter, within [0, 1].
    Returns the remedies in all, by household and by category, yuan, and the sum of
    trust (totals added as numpy adds a household x category table, so no such table
    is kept)."""
    n, k = spending.shape[0], N_CATEGORIES
    refund = np.empty(n)
    by_category = np.zeros(k)
    owed = np.empty(k)
    starts = pairwise_leaves(n)
    leaf_sums, trust_sums = np.empty(len(starts) - 1), np.empty(len(starts) - 1)
    for leaf in range(len(starts) - 1):
        leaf_columns, trust_columns = np.zeros(k), np.zeros(k)
        for i in range(starts[leaf], starts[leaf + 1]):
            s = segment[i]
            for c in range(k):  # (no branches, a constant width: the loop vectorises)
                hit = notice_draw[i, c] < chance[s, c] and spending[i, c] > 0.0
                t = trust[i, c] * kept if hit else trust[i, c]
                owed[c] = strength * (lost_share[s, c] * spending[i, c]) if hit else 0.0
                by_category[c] += owed[c]
                leaf_columns[c] += owed[c]
                t += restore[c] * (1.0 - t)  # (t + 0 is t where nothing was recalled)
                t += (initial - t) * rate
                trust[i, c] = min(max(t, 0.0), 1.0)
                trust_columns[c] += trust[i, c]
            refund[i] = tree8(owed)
        leaf_sums[leaf] = tree8(leaf_columns)
        trust_sums[leaf] = tree8(trust_columns)
    return (pairwise_total(leaf_sums, n), refund, by_category,
            pairwise_total(trust_sums, n))
