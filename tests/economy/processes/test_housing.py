"""Households' saving outside their liquid buffer: dwellings bought off plan
(sim.economy.processes.housing)."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import households, params

from sim.economy.constants import URBAN
from sim.economy.processes import housing


def _urban(hp, **columns):
    hp.mpc_permanent.urban = 0.8
    return households(1, kind=URBAN, covered=True, permanent_income=20_000.0, **columns)


def test_saving_the_buffer_does_not_need_buys_dwellings() -> None:
    """Permanent income 20,000 a quarter, propensity 0.8 (patience 1, no uninsured risk),
    a target of 4 quarters (80,000): of the 4,000 it plans to save, the buffer's growth
    at 8.9% a year (2.15% a quarter) needs 1,724; the other 2,276 buys dwellings."""
    hp = params().households
    h = _urban(hp)
    growth = 1.089 ** 0.25 - 1.0
    assert housing.quarterly_growth(hp) == pytest.approx(growth)
    planned = housing.planned(h=h, hp=hp, line_as_buffer=0.8, exposure=np.zeros(1),
                              pension_accrual=np.zeros(1))
    assert planned[0] == pytest.approx(0.2 * 20_000 - growth * 80_000)


def test_a_household_planning_to_borrow_saves_its_planned_saving_in_dwellings() -> None:
    """A household whose credit line replaces more than its own buffer (target below 0)
    has no buffer to grow: all 4,000 of its planned saving goes to dwellings."""
    hp = params().households
    h = _urban(hp, credit_access=True, credit_limit=200_000.0)
    planned = housing.planned(h=h, hp=hp, line_as_buffer=0.8, exposure=np.zeros(1),
                              pension_accrual=np.zeros(1))
    assert planned[0] == pytest.approx(4_000.0)


def test_without_growth_every_yuan_of_planned_saving_buys_dwellings() -> None:
    hp = params().households
    hp.expected_income_growth = 0.0
    assert housing.planned(h=_urban(hp), hp=hp, line_as_buffer=0.8, exposure=np.zeros(1),
                           pension_accrual=np.zeros(1))[0] == \
        pytest.approx(4_000.0)


def test_dwellings_are_paid_from_deposits_never_on_credit() -> None:
    np.testing.assert_allclose(housing.purchases(planned=np.array([3_000.0, 3_000.0, 3_000.0]),
                                                 deposits=np.array([10_000.0, 1_000.0, 0.0])),
                               [3_000.0, 1_000.0, 0.0])


def test_at_its_target_a_buffer_grows_with_permanent_income() -> None:
    """The rule's resting point: a household at its target, income growing as expected,
    spends its propensity of permanent income and buys dwellings with the rest but the
    buffer's growth, so its deposits grow exactly as its target does."""
    hp = params().households
    growth = housing.quarterly_growth(hp)
    h = _urban(hp, deposits=80_000.0)
    for _ in range(8):
        spent = 0.8 * h.permanent_income[0]
        bought = housing.planned(h=h, hp=hp, line_as_buffer=0.8, exposure=np.zeros(1),
                                 pension_accrual=np.zeros(1))[0]
        h.deposits[0] += h.permanent_income[0] - spent - bought
        h.permanent_income[0] *= 1.0 + growth
        assert h.deposits[0] == pytest.approx(4.0 * h.permanent_income[0])


def test_dwellings_are_bought_at_the_same_propensity_as_the_budget() -> None:
    """The dwellings plan reads the budget's propensity, relative income included: a
    one-person household on 10,000 a quarter beside one on 40,000, elasticity 0.2,
    saves (1 - 0.8 x 0.4^-0.2) x 10,000 less its buffer's growth, 2.15% of 40,000."""
    hp = params().households
    hp.mpc_permanent.urban, hp.relative_income_elasticity = 0.8, 0.2
    h = households(2, kind=URBAN, covered=True, persons=1,
                   permanent_income=[10_000.0, 40_000.0])
    planned = housing.planned(h=h, hp=hp, line_as_buffer=0.8, exposure=np.zeros(2),
                              pension_accrual=np.zeros(2))
    growth = housing.quarterly_growth(hp)
    assert planned[0] == pytest.approx(max(0.0, (1 - 0.8 * 0.4 ** -0.2) * 10_000
                                           - growth * 40_000))
    assert planned[1] == pytest.approx((1 - 0.8 * 1.6 ** -0.2) * 40_000 - growth * 160_000)
