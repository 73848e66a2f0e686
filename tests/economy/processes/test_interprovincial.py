"""Migrants who come for jobs (sim.economy.processes.interprovincial): a Harris-Todaro
rule with a migration cost."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import rng

from sim.economy.constants import MIGRANT, RURAL, URBAN
from sim.economy.processes import interprovincial


def test_a_migrant_expects_the_wage_times_the_chance_of_a_job() -> None:
    """Migrants employed 3 of 4, wages 10% above the nation's: 0.75 x 1.1 (urban
    households' jobs do not count)."""
    kind = np.array([MIGRANT] * 4 + [URBAN])
    employed = np.array([True, True, True, False, False])
    assert interprovincial.expected_income(kind=kind, employed=employed, wage_level=1.1,
                                           national_price=1.0) == pytest.approx(0.825)


def test_the_province_holds_more_migrants_the_more_they_expect_to_earn() -> None:
    """Expected income 10% above 2016's at an elasticity of 1.5: 1.1^1.5 x 1,000."""
    assert interprovincial.desired_migrants(reference=1000.0, expected=1.1,
                                            reference_expected=1.0,
                                            elasticity=1.5) == pytest.approx(1000 * 1.1 ** 1.5)


def test_a_gap_brings_arrivals_at_the_speed_moving_allows() -> None:
    """Ten households from other provinces (two settled with a local hukou, who count),
    30 wanted at a speed of 0.1: two arrivals, copies of unsettled migrants."""
    origin = np.array([MIGRANT] * 10 + [RURAL] * 5)
    kind = np.where(np.arange(15) < 2, URBAN, origin)
    moved = interprovincial.moves(kind=kind, origin=origin, employed=np.zeros(15, bool),
                                  debt=np.zeros(15), desired=30.0, speed=0.1, rounding=0.5,
                                  luck=rng().random(15))
    assert len(moved.arrivals) == 2 and len(moved.departures) == 0
    assert (kind[moved.arrivals] == MIGRANT).all()


def test_those_who_leave_have_no_job_and_no_debt() -> None:
    """Twenty migrants, four wanted at speed 0.5: eight would leave, but only the five
    without a job and without debt may."""
    kind = np.full(20, MIGRANT)
    employed = np.arange(20) >= 6
    debt = np.where(np.arange(20) == 0, 100.0, 0.0)
    moved = interprovincial.moves(kind=kind, origin=kind, employed=employed, debt=debt,
                                  desired=4.0, speed=0.5, rounding=0.5, luck=rng().random(20))
    assert len(moved.arrivals) == 0
    assert sorted(moved.departures) == [1, 2, 3, 4, 5]


def test_who_moves_follows_each_households_own_draw_so_scenarios_stay_paired() -> None:
    """The same households with the same draws, rows in another order: a gap of two
    departures takes the two free migrants of lowest draw, a gap of three those two and
    the next; arrivals copy migrants from the lowest draw up, in that order (the k-th
    arrival takes the quarter's k-th key), again from the lowest when more arrive than
    there are migrants; a fraction of 0.4 rounds up when the rounding
    draw is above 0.6."""
    kind = np.full(6, MIGRANT)
    luck = np.array([0.9, 0.1, 0.5, 0.3, 0.7, 0.2])
    free = np.zeros(6, bool)

    def leaving(desired: float, order: np.ndarray) -> set[float]:
        moved = interprovincial.moves(kind=kind[order], origin=kind[order], employed=free,
                                      debt=np.zeros(6), desired=desired, speed=1.0,
                                      rounding=0.0, luck=luck[order])
        return set(luck[order][moved.departures])

    shuffled = np.array([3, 5, 0, 1, 4, 2])
    assert leaving(4.0, np.arange(6)) == leaving(4.0, shuffled) == {0.1, 0.2}
    assert leaving(3.0, shuffled) == {0.1, 0.2, 0.3}
    arrived = interprovincial.moves(kind=kind, origin=kind, employed=free, debt=np.zeros(6),
                                    desired=14.0, speed=1.0, rounding=0.0, luck=luck)
    assert list(luck[arrived.arrivals]) == [0.1, 0.2, 0.3, 0.5, 0.7, 0.9, 0.1, 0.2]
    for rounding, count in ((0.5, 0), (0.7, 1)):
        assert len(interprovincial.moves(kind=kind, origin=kind, employed=free,
                                         debt=np.zeros(6), desired=6.4, speed=1.0,
                                         rounding=rounding, luck=luck).arrivals) == count
