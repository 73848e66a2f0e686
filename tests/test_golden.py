"""Optimisations never change results: small runs reproduce the golden files
(refreshed only on purpose by tests/make_golden.py)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from make_golden import CASES, FOLDER, golden_run


@pytest.mark.parametrize("name", list(CASES))
def test_a_run_reproduces_its_golden_time_series(name: str) -> None:
    expected = pd.read_parquet(FOLDER / f"{name}.parquet")
    actual = golden_run(name)
    assert list(actual.columns) == list(expected.columns)
    assert (actual["quarter"] == expected["quarter"]).all()
    numeric = [c for c in expected.columns if c not in ("quarter", "scenario")]
    scale = np.maximum(np.abs(expected[numeric].to_numpy(float)), 1.0)
    error = np.abs(actual[numeric].to_numpy(float) - expected[numeric].to_numpy(float)) / scale
    worst = np.unravel_index(np.argmax(error), error.shape)
    assert error.max() <= 1e-12, f"{numeric[worst[1]]} at step {worst[0]}: {error.max():.2e}"
