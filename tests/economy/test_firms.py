"""Firms respond to demand: new consumption leads new supply (whole economies)."""

from __future__ import annotations

from helpers import run

from sim.economy.constants import CAPACITY_SERVICES


def test_firms_that_see_demand_for_quality_upgrade_more_often() -> None:
    """The same economy and the same random numbers, but buyers who value quality
    more: firms invest in more quality upgrades."""
    plain = run(["seed=4", "households.quality_taste_mean=1.0"], steps=12)
    keen = run(["seed=4", "households.quality_taste_mean=3.5"], steps=12)
    plain_upgrades = plain.firms.upgrades.sum()
    keen_upgrades = keen.firms.upgrades.sum()
    assert keen_upgrades > plain_upgrades + 3
    assert keen.timeseries()["avg_quality"].iloc[-1] > plain.timeseries()["avg_quality"].iloc[-1]


def test_a_minimum_standard_removes_low_quality_supply() -> None:
    model = run(["policy.quality.min_standard=0.3"], steps=2)
    f = model.firms
    assert (f.quality[f.alive] >= 0.3 - 1e-9).all()
    base = run(steps=2)
    assert base.firms.quality[base.firms.alive].min() < 0.3


def test_excess_demand_raises_markups_and_prices() -> None:
    """Services whose capacity is cut ration their buyers and raise their markups."""
    tight = run(["policy.services.capacity=0.6"], steps=6)
    base = run(steps=6)
    def markup(model):
        f = model.firms
        rows = f.alive & CAPACITY_SERVICES[f.category]
        return f.markup[rows].mean()

    assert markup(tight) > markup(base)
