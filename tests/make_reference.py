"""Refresh the reference headline outcomes on purpose: `python tests/make_reference.py`.

The reference is what tests/test_equivalence.py holds the model to: the final-year
headline outcomes of the baseline and the full plan (every lever's branch) for a few
seeds at a small scale. A refactoring may change the order of floating-point operations
and so, sooner or later, a firm's discrete decision; it must not move the economy, so
the test asks for the same outcomes within their spread over seeds, not for the same
bits. A deliberate change of the economics refreshes this file with this script, in a
commit of its own that says what moved and why.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

import sim

FILE = Path(__file__).resolve().parent / "reference" / "headline.csv"
SCENARIOS = ("baseline", "full_plan")
SEEDS = tuple(range(8))
HOUSEHOLDS = 5000
QUARTERS = 16  # the final year is 2019
OUTCOMES = (
    "consumption_pc", "consumption_pc_urban", "consumption_pc_rural", "consumption_pc_migrant",
    "income_pc", "consumption_rate", "engel", "upgrade_share", "quality_share", "avg_quality",
    "online_share", "outbound_share", "debt_to_income", "employment_rate", "gdp", "fiscal_cost",
    "firms", "cpi",
)


def headline_outcomes() -> pd.DataFrame:
    """One row per scenario, seed and outcome: the final simulated year's value."""
    rows = []
    for scenario in SCENARIOS:
        for seed in SEEDS:
            result = sim.run(scenario, seed=seed, households=HOUSEHOLDS, steps=QUARTERS)
            rows += [{"scenario": scenario, "seed": seed, "outcome": outcome,
                      "value": float(result.summary["outcomes"][outcome])}
                     for outcome in OUTCOMES]
    return pd.DataFrame(rows)


if __name__ == "__main__":
    FILE.parent.mkdir(exist_ok=True)
    headline_outcomes().to_csv(FILE, index=False, float_format="%.10g")
    print(f"wrote {FILE}")
