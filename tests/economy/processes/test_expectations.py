"""Expected inflation (sim.economy.processes.expectations): adaptive, anchored on the
national figure."""

from __future__ import annotations

import pytest

from sim.economy.processes import expectations


def test_expectations_move_a_share_of_the_way_to_what_wage_setters_see() -> None:
    """Expecting 2%, prices up 4% over the last year, the nation at 2%, anchor 0.5, gain
    0.25: they see 3% and move a quarter of the way, to 2.25%."""
    history = (1.0, 1.01, 1.02, 1.03, 1.04)
    assert expectations.expected_inflation(expected=0.02, history=history, national=0.02,
                                           gain=0.25, anchor=0.5) == pytest.approx(0.0225)


def test_a_fully_anchored_expectation_ignores_local_prices() -> None:
    """Anchor 1: local prices up 10% move nothing; from 3% the expectation heads to the
    national 2% by a quarter of the gap."""
    history = (1.0, 1.0, 1.0, 1.0, 1.1)
    assert expectations.expected_inflation(expected=0.03, history=history, national=0.02,
                                           gain=0.25, anchor=1.0) == pytest.approx(0.0275)


def test_before_a_year_of_prices_the_expectation_stands_for_what_was_seen() -> None:
    """Two quarters of prices: the local part is the expectation itself."""
    assert expectations.expected_inflation(expected=0.03, history=(1.0, 1.2), national=0.02,
                                           gain=0.5, anchor=0.5) == pytest.approx(0.0275)


def test_five_price_levels_are_remembered() -> None:
    history = ()
    for level in range(7):
        history = expectations.remembered(history=history, cpi=float(level))
    assert history == (2.0, 3.0, 4.0, 5.0, 6.0)
