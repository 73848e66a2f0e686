"""Hukou conversion (sim.economy.processes.migration, 三（四）)."""

from __future__ import annotations

import numpy as np
from helpers import rng

from sim.economy.constants import MIGRANT, RURAL, URBAN
from sim.economy.processes import migration


def test_only_migrants_convert_and_at_their_annual_rate() -> None:
    kind = np.array([URBAN, RURAL, MIGRANT, MIGRANT])
    assert migration.conversions(kind=kind, annual_rate=1.0,
                                 rng=rng()).tolist() == [False, False, True, True]
    assert not migration.conversions(kind=kind, annual_rate=0.0, rng=rng()).any()


def test_an_annual_rate_is_a_quarterly_probability_compounded_over_four_quarters() -> None:
    kind = np.full(200_000, MIGRANT)
    share = migration.conversions(kind=kind, annual_rate=0.19, rng=rng()).mean()
    assert abs(share - (1 - 0.81**0.25)) < 0.003


def test_settling_raises_earnings_by_the_hukou_premium_and_nothing_else() -> None:
    """Conversion opens the occupations a rural hukou keeps migrants out of (Meng and
    Zhang 2001): a converting household's quarterly wage at 2016 wages rises by the
    premium; the others' do not move."""
    skill = np.array([9_000.0, 9_000.0])
    out = migration.earnings_after(skill=skill, converts=np.array([True, False]), premium=0.05)
    np.testing.assert_allclose(out, [9_450.0, 9_000.0])
