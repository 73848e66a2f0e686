"""Firms respond to demand: new consumption leads new supply (whole economies)."""

from __future__ import annotations

import pytest
from claims import over_seeds
from helpers import lever_run, paired, run

from sim.economy.constants import CAPACITY_SERVICES

pytestmark = pytest.mark.claims  # (make test-all reruns them on a second block of seeds)


def test_firms_that_see_demand_for_quality_upgrade_more_often() -> None:
    """The same economy and the same random numbers, but buyers who value quality
    more: firms invest in more quality upgrades."""
    def at(taste: float, seed: int):
        return lever_run((f"households.quality_taste_mean={taste}",), seed, 12,
                         "population.households=3000")

    assert over_seeds(lambda s: at(3.5, s).firms.upgrades.sum() - at(1.0, s).firms.upgrades.sum(),
                      n=4).above(3)
    assert over_seeds(lambda s: at(3.5, s).timeseries()["avg_quality"].iloc[-1]
                      - at(1.0, s).timeseries()["avg_quality"].iloc[-1], n=3).above(0)


def test_a_minimum_standard_removes_low_quality_supply() -> None:
    model = run(["policy.quality.min_standard=0.3"], steps=2)
    f = model.firms
    assert (f.quality[f.alive] >= 0.3 - 1e-9).all()
    base = run(steps=2)
    assert base.firms.quality[base.firms.alive].min() < 0.3


def test_excess_demand_raises_markups_and_prices() -> None:
    """Services whose capacity is cut ration their buyers and raise their markups."""
    def markup(model) -> float:
        f = model.firms
        rows = f.alive & CAPACITY_SERVICES[f.category]
        return float(f.markup[rows].mean())

    assert paired(["policy.services.capacity=0.6"], markup, steps=6, n=4,
                  size="population.households=3000").above(0)
