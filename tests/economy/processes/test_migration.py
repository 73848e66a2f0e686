"""Hukou conversion (sim.economy.processes.migration, 三（四）)."""

from __future__ import annotations

import numpy as np
from helpers import rng

from sim.economy.constants import MIGRANT, RURAL, URBAN
from sim.economy.processes import migration


def test_only_migrants_convert_and_at_their_annual_rate() -> None:
    kind = np.array([URBAN, RURAL, MIGRANT, MIGRANT])
    assert migration.conversions(kind, 1.0, rng()).tolist() == [False, False, True, True]
    assert not migration.conversions(kind, 0.0, rng()).any()


def test_an_annual_rate_is_a_quarterly_probability_compounded_over_four_quarters() -> None:
    kind = np.full(200_000, MIGRANT)
    share = migration.conversions(kind, 0.19, rng()).mean()
    assert abs(share - (1 - 0.81**0.25)) < 0.003
