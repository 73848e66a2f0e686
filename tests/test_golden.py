"""Optimisations never change results: the small baseline reproduces the golden file
(refreshed only on purpose by tests/make_golden.py)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from make_golden import GOLDEN, golden_run


def test_the_baseline_reproduces_the_golden_time_series() -> None:
    expected = pd.read_parquet(GOLDEN)
    actual = golden_run()
    assert list(actual.columns) == list(expected.columns)
    assert (actual["quarter"] == expected["quarter"]).all()
    numeric = [c for c in expected.columns if c not in ("quarter", "scenario")]
    scale = np.maximum(np.abs(expected[numeric].to_numpy(float)), 1.0)
    error = np.abs(actual[numeric].to_numpy(float) - expected[numeric].to_numpy(float)) / scale
    worst = np.unravel_index(np.argmax(error), error.shape)
    assert error.max() <= 1e-12, f"{numeric[worst[1]]} at step {worst[0]}: {error.max():.2e}"
