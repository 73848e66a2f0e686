"""The rest of China (sim.economy.processes.provinces): goods from the other provinces
at national prices, and the other provinces' purchases from Guangdong."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import firms

from sim.economy.constants import CATEGORY_INDEX, N_CATEGORIES
from sim.economy.processes import provinces

FOOD, OTHER = CATEGORY_INDEX["food"], CATEGORY_INDEX["other"]


def test_a_step_closes_the_gap_in_log_odds() -> None:
    """Share 5% against a target of 10%: the step is log(0.1/0.9) - log(0.05/0.95) =
    0.747; a category on target keeps its varieties, one with no spending too."""
    share = np.full(N_CATEGORIES, np.nan)
    share[FOOD], share[OTHER] = 0.05, 0.2
    target = np.zeros(N_CATEGORIES)
    target[FOOD], target[OTHER] = 0.10, 0.2
    after = provinces.preference_step(log_varieties=np.ones(N_CATEGORIES), share=share,
                                      target=target)
    assert after[FOOD] == pytest.approx(1.0 + np.log(0.1 / 0.9) - np.log(0.05 / 0.95))
    assert after[OTHER] == pytest.approx(1.0)
    assert np.delete(after, [FOOD, OTHER]) == pytest.approx(np.ones(N_CATEGORIES - 2))


def test_the_other_provinces_goods_cost_the_national_price_for_their_quality() -> None:
    """Reference 2 yuan a unit, quality 0.5 at a quality cost of 0.3, national prices up
    4%: 2 x 1.15 x 1.04."""
    price = provinces.inflow_prices(reference=np.full(N_CATEGORIES, 2.0),
                                    quality=np.full(N_CATEGORIES, 0.5), quality_cost=0.3,
                                    national_price=1.04)
    assert price == pytest.approx(np.full(N_CATEGORIES, 2.0 * 1.15 * 1.04))


def test_their_quality_keeps_pace_with_what_guangdong_sells() -> None:
    """Two food firms declaring 0.2 and 0.6 with revenues 3 and 1: 0.3; a dead firm and a
    category without firms count nothing."""
    f = firms(3, category=[FOOD, FOOD, FOOD], declared=[0.2, 0.6, 0.9], revenue=[3.0, 1.0, 5.0],
              alive=[True, True, False])
    quality = provinces.category_quality(f=f)
    assert quality[FOOD] == pytest.approx(0.3)
    assert quality[OTHER] == 0.0
