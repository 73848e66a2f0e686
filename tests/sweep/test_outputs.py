"""`python -m sim` writes the three files of the output contract (sim.sweep.contract)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow.parquet as pq
import pytest

from sim.config.paths import PROJECT_ROOT
from sim.economy.agents import ARRIVED_KEYS
from sim.economy.outcomes import CONTRACT_COLUMNS
from sim.sweep import contract


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("run")
    subprocess.run(
        [sys.executable, "-m", "sim", "seed=1", "steps=8", "population.households=5000",
         f"hydra.run.dir={out}"],
        check=True, cwd=PROJECT_ROOT, capture_output=True, text=True,
    )
    return out


def test_the_registry_promises_every_contract_column() -> None:
    assert set(contract.COLUMNS) <= set(CONTRACT_COLUMNS)


def test_run_writes_every_contract_column_finite(run_dir: Path) -> None:
    ts = pd.read_parquet(run_dir / "timeseries.parquet")
    assert list(ts["step"]) == list(range(8))
    assert ts["quarter"].iloc[0] == "2016Q1" and ts["quarter"].iloc[-1] == "2017Q4"
    assert (ts["scenario"] == "baseline").all()
    numeric = ts.drop(columns=["quarter", "scenario"]).astype(float).to_numpy()
    assert np.isfinite(numeric).all()


def test_the_contract_checker_accepts_the_run(run_dir: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "sim.sweep.contract", str(run_dir)],
                            capture_output=True, text=True, cwd=PROJECT_ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "contract holds" in result.stdout


def test_the_contract_checker_names_what_is_missing(run_dir: Path, tmp_path: Path) -> None:
    ts = pd.read_parquet(run_dir / "timeseries.parquet").drop(columns=["engel"])
    ts.to_parquet(tmp_path / "timeseries.parquet")
    found = contract.problems(tmp_path)
    assert "missing file summary.json" in found and "missing columns: engel" in found


def test_summary_and_household_snapshot(run_dir: Path) -> None:
    summary = json.loads((run_dir / "summary.json").read_text())
    assert summary["scenario"] == "baseline" and summary["seed"] == 1
    assert summary["final_year"] == ["2017Q1", "2017Q2", "2017Q3", "2017Q4"]
    yearly = summary["outcomes"]["consumption_pc"]
    assert 15_000 < yearly < 40_000  # yuan per person per year
    info = summary["outcome_info"]["consumption_pc"]
    assert info["unit"]["en"] == "yuan per person per year, 2016 prices"
    households = pd.read_parquet(run_dir / "households.parquet")
    # one row per household agent at the end: the 5,000 of the opening, less the
    # migrants who went home, plus those who came (each with its own key)
    opened = households["household"] < ARRIVED_KEYS
    assert opened.sum() <= 5000 and households["household"].is_unique
    assert (households.loc[~opened, "kind"] == "migrant").all() or not (~opened).any()
    assert {"kind", "region", "income", "deposits", "debt", "consumption_food"} <= set(households)


def test_the_firm_snapshot_holds_every_live_firm_with_units(run_dir: Path) -> None:
    """firms.parquet: one row per live firm at the last quarter; market shares add up to
    one in each category; every column names its unit."""
    firms = pd.read_parquet(run_dir / "firms.parquet")
    ts = pd.read_parquet(run_dir / "timeseries.parquet")
    assert len(firms) == ts["firms"].iloc[-1] > 500
    assert {"category", "region", "channel", "quality", "productivity", "markup",
            "market_share", "employees", "capital", "debt", "age"} <= set(firms)
    np.testing.assert_allclose(firms.groupby("category", observed=True)["market_share"].sum(),
                               1.0)
    schema = pq.read_schema(run_dir / "firms.parquet")
    assert all(schema.field(name).metadata[b"unit"] for name in firms.columns)
