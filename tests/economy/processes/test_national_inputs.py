"""The national inputs in force each quarter (sim.economy.processes.national_inputs):
declared 2016 values until a scenario's start quarter, its values from then on."""

from __future__ import annotations

import pytest

from sim.economy.processes import national_inputs

DECLARED = national_inputs.NationalInputs(inflation=0.02, deposit_rate=0.015, loan_rate=0.0435)


def test_the_national_price_level_grows_at_national_inflation() -> None:
    """2% a year: 1 in 2016Q1, 1.02 a year later, 1/1.02 a year before."""
    same = national_inputs.path(before=DECLARED, moved={}, start=0)
    assert same.price_level(0) == 1.0
    assert same.price_level(4) == pytest.approx(1.02)
    assert same.price_level(-4) == pytest.approx(1 / 1.02)


def test_inputs_move_at_their_start_quarter_and_the_price_level_does_not_jump() -> None:
    """From 2017Q1 (t = 4) inflation is 4%: the level is 1.02 then, 1.02 x 1.04 a year
    later; the rates in force switch at t = 4, the burn-in keeps the declared ones."""
    moved = national_inputs.path(before=DECLARED, moved={"inflation": 0.04, "loan_rate": 0.03},
                                 start=4)
    assert moved.at(-3) == DECLARED and moved.at(3) == DECLARED
    assert moved.at(4).loan_rate == 0.03 and moved.at(4).deposit_rate == 0.015
    assert moved.price_level(4) == pytest.approx(1.02)
    assert moved.price_level(8) == pytest.approx(1.02 * 1.04)
    assert moved.price_level(2) == national_inputs.path(
        before=DECLARED, moved={}, start=0).price_level(2)
