"""Refresh the golden runs on purpose: `python tests/make_golden.py`.

Each golden file is the time series of a small run (3,000 households, seed and
quarters below): the default baseline, and the full plan, whose levers reach every
branch of the model (vouchers, producer subsidies, standards, credit, coverage).
tests/test_golden.py requires every run of the same config to reproduce them to 1e-12,
so an optimisation can never change results silently; a deliberate change of the
model's economics refreshes them with this script and says so in its commit.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from conftest import run  # noqa: E402

FOLDER = Path(__file__).resolve().parent / "golden"
CASES = {  # file name: (overrides, quarters)
    "baseline_seed0": (["seed=0"], 8),
    "full_plan_seed1": (["scenario=full_plan", "seed=1"], 12),
}


def golden_run(name: str):
    overrides, steps = CASES[name]
    return run(overrides, steps=steps).timeseries()


if __name__ == "__main__":
    for name in CASES:
        path = FOLDER / f"{name}.parquet"
        golden_run(name).to_parquet(path, index=False)
        print(f"wrote {path}")
