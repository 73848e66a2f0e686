"""The 2016 moments as the household survey defines them (sim.tools.moments)."""

from __future__ import annotations

import numpy as np

from sim.tools import moments


def test_five_equal_groups_hold_a_fifth_of_the_people_each() -> None:
    """Ten one-person households with incomes 1 to 10 (in any order): each fifth holds
    two of them, mean incomes 1.5, 3.5, 5.5, 7.5 and 9.5; their spending of 0.9 of the
    poorest two incomes and 0.5 of the richest two gives consumption rates 0.9 and 0.5."""
    income = np.array([5.0, 1.0, 9.0, 2.0, 10.0, 3.0, 4.0, 6.0, 7.0, 8.0])
    spending = np.where(income <= 2, 0.9 * income, np.where(income >= 9, 0.5 * income,
                                                             0.7 * income))
    mean_income, mean_spending = moments.quintile_means(income, np.ones(10), spending)
    np.testing.assert_allclose(mean_income, [1.5, 3.5, 5.5, 7.5, 9.5])
    np.testing.assert_allclose((mean_spending / mean_income)[[0, 4]], [0.9, 0.5])


def test_households_are_weighted_by_their_members() -> None:
    """Ten households of one and two people in turn, incomes per person 1 to 10 (15
    people, three to a fifth): each belongs to the fifth its middle member falls in, so
    the bottom fifth is the households on 1 (one person) and 2 (two people), mean
    (1 + 2 x 2) / 3, and the top fifth those on 9 and 10, (9 + 2 x 10) / 3."""
    persons = np.array([1, 2] * 5, float)
    mean_income, = moments.quintile_means(np.arange(1.0, 11.0), persons)
    np.testing.assert_allclose(mean_income[[0, 4]], [5.0 / 3.0, 29.0 / 3.0])
