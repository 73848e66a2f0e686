"""Purchases made ahead of plan for a coupon or a rebate, and their payback
(sim.economy.processes.durables)."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import params

from sim.economy.processes import durables


def test_goods_bought_ahead_are_used_before_anything_is_bought() -> None:
    """Planned 300 and 100; 250 held ahead of each: the first buys 50, the second
    nothing and keeps 150 for later."""
    planned = np.array([[300.0], [100.0]])
    ahead = np.array([[250.0], [250.0]])
    used = durables.used(planned=planned, ahead=ahead)
    assert (planned - used).ravel().tolist() == [50.0, 0.0]
    assert (ahead - used).ravel().tolist() == [0.0, 150.0]


def test_a_household_buys_ahead_at_most_its_plan_for_the_coming_quarters() -> None:
    planned, ahead = np.array([[300.0, 0.0]]), np.array([[100.0, 0.0]])
    assert durables.reach(planned=planned, ahead=ahead,
                          quarters=1.5).ravel().tolist() == [350.0, 0.0]


def test_a_rebate_about_to_end_pulls_purchases_forward_a_steady_one_does_not() -> None:
    """Reach 400 (plan 300 x 4/3); the rebate is 0.15 now and 0.05 next quarter, with a
    timing elasticity of 0.4: 0.4 x 0.1 x 400 = 16 yuan bought ahead, within means of
    10: 10. A rebate that continues at its rate, or rises, moves nothing."""
    planned, ahead = np.array([[300.0]] * 2), np.zeros((2, 1))
    hp = params(households={"pull_forward_quarters": 4 / 3,
                            "durables_timing_elasticity": 0.4}).households
    advance = durables.rebate_advance(planned=planned, ahead=ahead, rebate=np.array([0.15]),
                                      next_rebate=np.array([0.05]),
                                      spare=np.array([1e6, 10.0]), hp=hp)
    assert advance.ravel().tolist() == pytest.approx([16.0, 10.0])
    for following in (0.15, 0.25):
        steady = durables.rebate_advance(planned=planned, ahead=ahead, rebate=np.array([0.15]),
                                         next_rebate=np.array([following]),
                                         spare=np.array([1e6, 1e6]), hp=hp)
        assert not steady.any()
