"""Consumer credit: who borrows, and who defaults when incomes fail."""

from __future__ import annotations

from helpers import run


def test_wider_credit_access_means_more_household_debt() -> None:
    base = run(["seed=2"], steps=6).timeseries()
    wide = run(["seed=2", "policy.credit.access.urban=0.9", "policy.credit.access.rural=0.9",
                "policy.credit.access.migrant=0.9"], steps=6).timeseries()
    assert wide["debt_to_income"].iloc[-1] > 2.0 * base["debt_to_income"].iloc[-1]


def test_mass_unemployment_raises_defaults() -> None:
    """When jobs are lost and hard to find, borrowers without buffers cannot service
    their debt (20,000 households, so that defaults are not a handful of cases)."""
    slump = [f"households.separation_rate.{k}=0.3" for k in ("urban", "rural", "migrant")]
    slump.append("labour.matching_efficiency=0.1")
    size = "population.households=20000"
    base = run(["seed=2", size], steps=8).timeseries()
    shocked = run(["seed=2", size, *slump], steps=8).timeseries()
    assert shocked["employment_rate"].mean() < base["employment_rate"].mean() - 0.2
    assert shocked["default_rate"].sum() > 2.0 * base["default_rate"].sum() > 0.0
