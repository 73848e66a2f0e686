"""`python -m sim` writes the three files of the output contract (MODEL.md section 7)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from sim.config.paths import PROJECT_ROOT
from sim.economy.outcomes import CONTRACT_COLUMNS

CHECKER = PROJECT_ROOT.parent / "shared" / "contract" / "check_run.py"


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("run")
    subprocess.run(
        [sys.executable, "-m", "sim", "seed=1", "steps=8", "population.households=5000",
         f"hydra.run.dir={out}"],
        check=True, cwd=PROJECT_ROOT, capture_output=True, text=True,
    )
    return out


def test_run_writes_every_contract_column_finite(run_dir: Path) -> None:
    ts = pd.read_parquet(run_dir / "timeseries.parquet")
    assert list(ts["step"]) == list(range(8))
    assert ts["quarter"].iloc[0] == "2016Q1" and ts["quarter"].iloc[-1] == "2017Q4"
    missing = [c for c in CONTRACT_COLUMNS if c not in ts.columns]
    assert not missing
    assert (ts["scenario"] == "baseline").all()
    numeric = ts.drop(columns=["quarter", "scenario"]).astype(float).to_numpy()
    assert np.isfinite(numeric).all()
    assert (ts["ledger_residual"].abs() / ts["gdp"] < 1e-6).all()


def test_summary_and_household_snapshot(run_dir: Path) -> None:
    summary = json.loads((run_dir / "summary.json").read_text())
    assert summary["scenario"] == "baseline" and summary["seed"] == 1
    assert summary["final_year"] == ["2017Q1", "2017Q2", "2017Q3", "2017Q4"]
    yearly = summary["outcomes"]["consumption_pc"]
    assert 15_000 < yearly < 40_000  # yuan per person per year
    households = pd.read_parquet(run_dir / "households.parquet")
    assert len(households) == 5000
    assert {"kind", "region", "income", "deposits", "debt", "consumption_food"} <= set(households)


@pytest.mark.skipif(not CHECKER.exists(), reason="the shared contract checker is not beside "
                    "the repository")
def test_shared_contract_checker_accepts_the_run(run_dir: Path) -> None:
    result = subprocess.run([sys.executable, str(CHECKER), str(run_dir)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "contract holds" in result.stdout
