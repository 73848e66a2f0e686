"""Threshold coupons (满减): who holds them, who redeems them, what they buy ahead and
what the government pays (sim.economy.processes.coupons)."""

from __future__ import annotations

import numpy as np
import pytest

from sim.economy.constants import CATEGORY_INDEX, N_CATEGORIES
from sim.economy.processes import coupons

HOUSEHOLD, TRANSPORT = CATEGORY_INDEX["household"], CATEGORY_INDEX["transport_comm"]
ELIGIBLE = np.zeros(N_CATEGORIES, dtype=bool)
ELIGIBLE[[HOUSEHOLD, TRANSPORT]] = True
# Weekly coupons, 满200减50, on household goods and transport and communications
TERMS = coupons.CouponTerms(eligible=ELIGIBLE, face=50.0, threshold=200.0, validity_weeks=1.0)


def _planned(*eligible_spending: float) -> np.ndarray:
    """Households' planned spending: 1,000 on food and `eligible_spending` on household
    goods, yuan this quarter."""
    out = np.zeros((len(eligible_spending), N_CATEGORIES))
    out[:, 0] = 1000.0
    out[:, HOUSEHOLD] = eligible_spending
    return out


def test_claimants_share_the_coupons_issued_at_most_one_a_window() -> None:
    """Four agents of ten real households each; two claim. 30 coupons: 1.5 each. 3,000
    coupons: capped at 13 one-week windows each."""
    draw = np.array([0.1, 0.6, 0.3, 0.9])
    held = coupons.allot(claim_draw=draw, takeup=0.5, issued=30.0, validity_weeks=1.0, scale=10.0)
    assert held.tolist() == [1.5, 0.0, 1.5, 0.0]
    assert coupons.allot(claim_draw=draw, takeup=0.5, issued=3000.0, validity_weeks=1.0,
                         scale=10.0).max() == 13.0
    assert coupons.allot(claim_draw=draw, takeup=0.5, issued=3000.0, validity_weeks=13.0,
                         scale=10.0).max() == 1.0
    assert not coupons.allot(claim_draw=draw, takeup=0.0, issued=30.0, validity_weeks=1.0,
                             scale=10.0).any()


def test_a_household_below_the_threshold_tops_up_to_it_by_buying_ahead() -> None:
    """Weekly coupons 满200减50, no behavioural response: planned 1,300 a quarter is 100 a
    week, so each coupon needs 100 more, bought ahead; 2 coupons, 200 ahead."""
    planned = _planned(1300.0)
    out = coupons.redeem(held=np.array([2.0]), planned=planned, reach=planned * 1.33,
                         spare=np.array([1e6]), terms=TERMS, response=0.0)
    assert out.redeemed[0] == 2.0
    assert out.top_up[0, HOUSEHOLD] == pytest.approx(200.0)
    assert out.top_up[0, 0] == 0.0  # food is not eligible
    assert out.eligible_planned[0] == pytest.approx(1500.0)


def test_a_household_above_the_threshold_redeems_with_its_behavioural_response() -> None:
    """Planned 5,200 a quarter is 400 a week, above 200: the coupon is a discount on what
    it buys anyway, and it spends 4 x 50 = 200 more per coupon (Xing et al. 2023)."""
    planned = _planned(5200.0)
    out = coupons.redeem(held=np.array([3.0]), planned=planned, reach=planned * 1.33,
                         spare=np.array([1e6]), terms=TERMS, response=4.0)
    assert out.redeemed[0] == 3.0
    assert out.top_up[0, HOUSEHOLD] == pytest.approx(600.0)
    none = coupons.redeem(held=np.array([3.0]), planned=planned, reach=planned * 1.33,
                          spare=np.array([1e6]), terms=TERMS, response=0.0)
    assert none.redeemed[0] == 3.0 and not none.top_up.any()


def test_coupons_lapse_beyond_what_a_household_would_buy_ahead_or_could_pay() -> None:
    """Each coupon needs 100 more (as above). Reach 250: two whole coupons. Means 150:
    one. No planned spending in the categories: nothing to buy ahead, none."""
    planned = _planned(1300.0, 1300.0, 0.0)
    reach = np.zeros_like(planned)
    reach[:, HOUSEHOLD] = [250.0, 1e6, 0.0]
    out = coupons.redeem(held=np.array([3.0, 3.0, 3.0]), planned=planned, reach=reach,
                         spare=np.array([1e6, 150.0, 1e6]), terms=TERMS, response=0.0)
    assert out.redeemed.tolist() == [2.0, 1.0, 0.0]
    assert out.top_up[:, HOUSEHOLD].tolist() == pytest.approx([200.0, 100.0, 0.0])


def test_the_government_pays_redeemed_coupons_pro_rata_to_what_the_market_filled() -> None:
    planned = _planned(1300.0, 1300.0)
    out = coupons.redeem(held=np.array([2.0, 2.0]), planned=planned, reach=planned * 1.33,
                         spare=np.array([1e6, 1e6]), terms=TERMS, response=0.0)
    realised = planned + out.top_up
    realised[1, HOUSEHOLD] *= 0.9  # a tenth of its order not filled
    assert coupons.paid(redemption=out, realised=realised, terms=TERMS).tolist() == pytest.approx(
        [100.0, 90.0])
