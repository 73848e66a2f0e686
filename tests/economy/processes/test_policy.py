"""Who the levers reach (sim.economy.processes.policy)."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import households, levers, params

from sim.economy.constants import MIGRANT, RURAL, URBAN
from sim.economy.processes import policy


def test_a_scheduled_lever_keeps_its_baseline_then_ramps_to_its_target() -> None:
    targets = {"credit.interest_rate": 0.06}
    schedule = {"credit.interest_rate": {"start": "2017Q1", "ramp_quarters": 4}}
    rates = [policy.levers_at(targets=targets, schedules=schedule, start="2016Q1",
                              t=t).credit.interest_rate
             for t in range(10)]
    assert rates[:4] == [0.10] * 4
    assert rates[4:8] == pytest.approx([0.09, 0.08, 0.07, 0.06])
    assert rates[8:] == pytest.approx([0.06, 0.06])


def test_a_programme_with_an_end_is_back_at_its_baseline_from_that_quarter() -> None:
    """A one-year programme from 2017Q1: in force in 2017, not before, not from 2018Q1."""
    targets = {"credit.interest_rate": 0.06}
    schedule = {"credit.interest_rate": {"start": "2017Q1", "ramp_quarters": 0,
                                         "end": "2018Q1"}}
    rates = [policy.levers_at(targets=targets, schedules=schedule, start="2016Q1",
                              t=t).credit.interest_rate
             for t in range(10)]
    assert rates == [0.10] * 4 + [0.06] * 4 + [0.10] * 2


def test_a_share_lever_reaches_the_households_whose_rank_is_below_it() -> None:
    """Migrants are covered when their rank is below the coverage share; urban residents
    always are; a covered migrant's credit access moves towards the urban rate."""
    h = households(4, kind=[URBAN, MIGRANT, MIGRANT, RURAL],
                   rank_coverage=[0.9, 0.2, 0.6, 0.1], rank_credit=[0.3, 0.3, 0.3, 0.3])
    lv = levers(**{"migrant.public_service_coverage": 0.5, "credit.access.urban": 0.4,
                   "credit.access.migrant": 0.1, "credit.access.rural": 0.2})
    reach = policy.reach(h=h, levers=lv, hp=params().households, t=0)
    assert reach.covered.tolist() == [True, True, False, True]  # rural: 0.1 < 0.6
    # Covered migrant: 0.1 + 0.5 * (0.4 - 0.1) = 0.25 < 0.3, so still no access.
    assert reach.credit_access.tolist() == [True, False, False, False]


def test_credit_limits_are_a_multiple_of_annual_permanent_income() -> None:
    h = households(2, permanent_income=[10_000.0, 30_000.0])
    lv = levers(**{"credit.limit_income_multiple": 0.5})
    reach = policy.reach(h=h, levers=lv, hp=params().households, t=0)
    np.testing.assert_allclose(reach.credit_limit, [20_000.0, 60_000.0])


def test_a_defaulter_is_refused_credit_until_its_exclusion_ends() -> None:
    h = households(2, rank_credit=0.0, excluded_until=[5, -1])
    lv = levers(**{"credit.access.urban": 1.0})
    assert policy.reach(h=h, levers=lv, hp=params().households,
                        t=5).credit_access.tolist() == [False, True]
    assert policy.reach(h=h, levers=lv, hp=params().households,
                        t=6).credit_access.tolist() == [True, True]


def test_rural_households_shop_online_only_with_e_commerce_and_broadband() -> None:
    h = households(3, kind=RURAL, rank_online=[0.1, 0.1, 0.9], rank_broadband=[0.1, 0.9, 0.1])
    lv = levers(**{"rural_logistics.ecommerce_coverage": 0.5,
                   "information.rural_broadband": 0.5})
    assert policy.reach(h=h, levers=lv, hp=params().households,
                        t=0).online.tolist() == [True, False, False]
