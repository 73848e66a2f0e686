"""Refresh the golden baseline on purpose: `python tests/make_golden.py`.

The golden file is the time series of a small default baseline (3,000 households,
8 quarters, seed 0). tests/test_golden.py requires every run of the same config to
reproduce it to 1e-12, so an optimisation can never change results silently; a
deliberate change of the model's economics refreshes it with this script and says so
in its commit.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from conftest import run  # noqa: E402

GOLDEN = Path(__file__).resolve().parent / "golden" / "baseline_seed0.parquet"
OVERRIDES = ["seed=0"]
STEPS = 8


def golden_run():
    return run(OVERRIDES, steps=STEPS).timeseries()


if __name__ == "__main__":
    golden_run().to_parquet(GOLDEN, index=False)
    print(f"wrote {GOLDEN}")
