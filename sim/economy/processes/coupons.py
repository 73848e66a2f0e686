"""Step 6 of the quarter, threshold coupons (满减, 七（一）).

The demand-side budget buys `budget / face value` coupons a quarter (the budget is the
face value issued: a coupon that lapses costs nothing). A share
`policy.subsidy.coupon_takeup` of households claims them, drawn afresh each quarter,
and the claimants share the coupons, at most one for each validity window of the
quarter (13 / `coupon_validity_weeks`). A household's planned spending in the eligible
categories in one window is its quarter's times weeks / 13.

A redeemed coupon lifts the household's spending in the eligible categories in its
window by `households.coupon_spending_response` times the face value, or to the
threshold if that is more. Xing et al. (2023) find that coupon winners spent about 3
yuan more out of pocket per yuan of coupon in the week (so 4 yuan in all with the
coupon), mostly by moving up purchases they would have made about four months later,
and Chen, Li, Mao and Zhou (2025) that the response is largest among those whose
spending was already above the threshold: a behavioural response, not the threshold's
arithmetic. The extra spending is bought ahead of plan (sim.economy.processes.durables)
and worked off in the following quarters. A household redeems as many coupons as the
goods it would buy ahead and its means allow; the rest lapse and cost nothing. The
government pays a redeemed coupon's face value when the purchase is made, pro rata to
the part of the household's planned spending in the eligible categories that the
market filled.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

WEEKS_PER_QUARTER = 13.0


@dataclass
class Redemption:
    """The coupons households plan to use this quarter.

    Attributes:
        held: coupons each household holds (one per validity window; a share where
            coupons are fewer than windows), per real household.
        redeemed: coupons it plans to redeem.
        top_up: extra planned spending by category for the coupons redeemed, yuan
            (n x 8; bought ahead of plan).
        eligible_planned: planned spending in the eligible categories with the
            top-ups, yuan (what the payment is prorated on).
    """

    held: np.ndarray
    redeemed: np.ndarray
    top_up: np.ndarray
    eligible_planned: np.ndarray


def allot(*, claim_draw: np.ndarray, takeup: float, issued: float, validity_weeks: float,
          scale: float) -> np.ndarray:
    """Coupons each household holds this quarter: the `issued` coupons (province)
    shared by the claimants (`claim_draw` below `takeup`; each agent stands for `scale`
    real households), at most one per validity window."""
    claims = claim_draw < takeup
    claimants = float(claims.sum()) * scale
    if claimants == 0.0 or issued <= 0.0:
        return np.zeros(len(claim_draw))
    each = min(issued / claimants, WEEKS_PER_QUARTER / validity_weeks)
    return np.where(claims, each, 0.0)


@dataclass(frozen=True)
class CouponTerms:
    """The coupon's design this quarter (policy.subsidy).

    Attributes:
        eligible: the categories a coupon applies to (8 booleans).
        face: yuan off a purchase of at least the threshold.
        threshold: spending in the eligible categories a coupon needs in its window, yuan.
        validity_weeks: weeks a coupon may be used in.
    """

    eligible: np.ndarray
    face: float
    threshold: float
    validity_weeks: float


def redeem(*, held: np.ndarray, planned: np.ndarray, reach: np.ndarray, spare: np.ndarray,
           terms: CouponTerms, response: float) -> Redemption:
    """Which coupons households redeem and what they buy ahead for them. `planned`:
    planned spending by category (n x 8, yuan); `reach`: what each household would buy
    ahead, by category (yuan); `spare`: what it can still pay this quarter beyond its
    plan, yuan; `response`: extra spending per yuan of a redeemed coupon
    (households.coupon_spending_response)."""
    eligible, face, threshold = terms.eligible, terms.face, terms.threshold
    validity_weeks = terms.validity_weeks
    x = planned[:, eligible].sum(axis=1)
    in_window = x * validity_weeks / WEEKS_PER_QUARTER
    # Extra spending in a window for its coupon: the behavioural response, or the
    # shortfall from the threshold if that is more.
    per_coupon = np.maximum(threshold - in_window, response * face)
    ahead = reach[:, eligible].sum(axis=1)
    can = np.minimum(ahead, np.maximum(spare, 0.0))
    # (whole coupons: each needs its full extra spending in its window)
    used = np.where(per_coupon > 0.0, np.minimum(held, np.floor(np.divide(
        can, per_coupon, out=np.zeros_like(can), where=per_coupon > 0.0))), held)
    extra = used * per_coupon
    share = np.divide(reach[:, eligible], ahead[:, None],
                      out=np.zeros_like(reach[:, eligible]), where=ahead[:, None] > 0)
    top_up = np.zeros_like(planned)
    top_up[:, eligible] = share * extra[:, None]
    return Redemption(held=held, redeemed=used, top_up=top_up, eligible_planned=x + extra)


def paid(*, redemption: Redemption, realised: np.ndarray, terms: CouponTerms) -> np.ndarray:
    """The government's payment for each household's redeemed coupons, yuan: face value
    times coupons redeemed, pro rata to the filled part of its planned eligible spending
    (`realised`: realised spending by category, n x 8)."""
    eligible, face = terms.eligible, terms.face
    done = realised[:, eligible].sum(axis=1)
    filled = np.divide(done, redemption.eligible_planned,
                       out=np.zeros_like(done), where=redemption.eligible_planned > 0)
    return face * redemption.redeemed * np.minimum(filled, 1.0)
