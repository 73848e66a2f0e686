"""Sweeps over scenarios and seeds with Hydra launchers, and their aggregation."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from claims import over_seeds
from helpers import run

from sim.config.paths import PROJECT_ROOT
from sim.sweep.aggregate import aggregate
from sim.sweep.jobs import sweep_jobs

TINY = ["population.households=2000", "steps=4"]
CI_COLUMNS = {"scenario", "outcome", "mean", "baseline_mean", "diff", "diff_low", "diff_high",
              "pct_change", "pct_low", "pct_high", "n_seeds"}


def sweep(tmp: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "sim", "-m", "scenario=baseline,rural_logistics", "seed=0,1,2",
         *TINY, f"hydra.sweep.dir={tmp}", *extra],
        cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=600)


def _check_outputs(out: Path) -> None:
    for name in ("runs.parquet", "comparison.parquet", "comparison.csv",
                 "distribution.parquet", "status.csv"):
        assert (out / name).exists(), name
    comparison = pd.read_parquet(out / "comparison.parquet")
    assert CI_COLUMNS <= set(comparison.columns)
    row = comparison[(comparison.scenario == "rural_logistics")
                     & (comparison.outcome == "consumption_pc_rural")].iloc[0]
    assert row["n_seeds"] == 3 and row["diff_low"] <= row["diff"] <= row["diff_high"]
    runs = pd.read_parquet(out / "runs.parquet")
    assert {"scenario", "seed", "step", "quarter", "outcome", "value", "status"} <= set(runs)
    assert runs.groupby(["scenario", "seed"]).ngroups == 6
    distribution = pd.read_parquet(out / "distribution.parquet")
    assert set(distribution["group_type"]) == {"income_decile", "kind"}
    deciles = distribution[distribution.group_type == "income_decile"]
    assert sorted(set(deciles["decile"])) == list(range(1, 11)) and deciles["kind"].isna().all()
    kinds = distribution[distribution.group_type == "kind"]
    assert set(kinds["kind"]) == {"urban", "rural", "migrant"} and kinds["decile"].isna().all()


@pytest.fixture(scope="module")
def joblib_sweep(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    out = tmp_path_factory.mktemp("joblib")
    result = sweep(out, "hydra.launcher.n_jobs=2")
    return out, result


@pytest.mark.slow  # the joblib launcher end to end (make test-all)
def test_a_joblib_sweep_runs_every_combination_and_compares_them(joblib_sweep) -> None:
    out, result = joblib_sweep
    assert result.returncode == 0, result.stdout + result.stderr
    _check_outputs(out)
    assert result.stdout.count("done    ") == 6
    assert "paired difference from the baseline" in result.stdout


@pytest.mark.slow  # the joblib launcher end to end (make test-all)
def test_rerunning_a_sweep_reuses_complete_runs_and_keeps_their_durations(joblib_sweep) -> None:
    out, _ = joblib_sweep
    before = pd.read_csv(out / "status.csv").set_index("run")["seconds"]
    again = sweep(out, "hydra.launcher.n_jobs=2")
    assert again.returncode == 0, again.stderr
    assert "0 to run, 6 reused" in again.stdout and "done    " not in again.stdout
    status = pd.read_csv(out / "status.csv").set_index("run")
    assert (status["status"] == "skipped").all()
    pd.testing.assert_series_equal(status["seconds"], before)


@pytest.mark.slow
def test_a_submitit_local_sweep_gives_the_same_files(tmp_path: Path) -> None:
    result = sweep(tmp_path, "hydra/launcher=submitit_local")
    assert result.returncode == 0, result.stdout + result.stderr
    _check_outputs(tmp_path)


def test_a_bad_lever_in_a_sweep_stops_it_before_any_run(tmp_path: Path) -> None:
    result = sweep(tmp_path / "bad", "policy.quality.enforcement=2")
    assert result.returncode == 2
    assert "policy.quality.enforcement = 2" in result.stderr
    assert not (tmp_path / "bad").exists()


def test_aggregation_keeps_finished_runs_and_reports_failed_and_killed_ones(
        joblib_sweep, tmp_path: Path) -> None:
    source, _ = joblib_sweep
    out = tmp_path / "partial"
    shutil.copytree(source, out)
    jobs = sorted(p.parent for p in out.rglob(".hydra"))
    failed, killed = jobs[4], jobs[5]  # two rural_logistics runs
    (failed / "summary.json").unlink()
    (failed / "status.json").write_text(json.dumps(
        {"status": "failed", "overrides": ["scenario=rural_logistics", "seed=1"],
         "seconds": None, "error": "RuntimeError: boom"}))
    (killed / "summary.json").unlink()
    (killed / "status.json").unlink()
    tables = aggregate(out, echo=False)
    # (runs reused by the rerun test, if it went first, are whole runs: skipped)
    status = tables["status"].set_index("run")["status"].replace("skipped", "complete")
    assert sorted(status) == ["complete"] * 4 + ["failed", "incomplete"]
    assert "boom" in tables["status"]["error"].dropna().iloc[0]
    row = tables["comparison"].query("scenario == 'rural_logistics' and outcome == 'engel'")
    assert row["n_seeds"].iloc[0] == 1


@pytest.mark.slow  # the joblib launcher end to end (make test-all)
def test_aggregate_command_on_a_sweep_directory(joblib_sweep) -> None:
    out, _ = joblib_sweep
    result = subprocess.run([sys.executable, "-m", "sim.aggregate", str(out)],
                            capture_output=True, text=True, cwd=PROJECT_ROOT)
    assert result.returncode == 0 and "rural_logistics" in result.stdout


def test_glob_sweeps_expand_to_every_scenario() -> None:
    jobs = sweep_jobs(["scenario=glob(*)", "seed=range(0,2)"])
    scenarios = {o for job in jobs for o in job if o.startswith("scenario=")}
    assert len(scenarios) >= 14 and len(jobs) == 2 * len(scenarios)


@pytest.mark.claims
def test_paired_differences_are_far_less_noisy_than_independent_ones() -> None:
    """Common random numbers: the same seed in two scenarios gives a difference with a
    much smaller spread than runs with unrelated seeds."""
    size = ["population.households=4000"]
    change = ["policy.rural_logistics.cost_markup=0.06"]

    def rural(overrides, seed):
        return run([f"seed={seed}", *size, *overrides], steps=8).timeseries()[
            "consumption_pc_rural"].iloc[-4:].mean()

    paired = over_seeds(lambda s: rural(change, s) - rural([], s), n=5)
    independent = np.array([rural(change, s) - rural([], s + 500) for s in paired.seeds])
    assert paired.values.std(ddof=1) < 0.25 * independent.std(ddof=1)
    assert paired.above(0)


@pytest.mark.slow
def test_the_ray_launcher_runs_a_local_sweep_where_installed(tmp_path: Path) -> None:
    pytest.importorskip("hydra_plugins.hydra_ray_launcher")
    result = sweep(tmp_path, "hydra/launcher=ray")
    assert result.returncode == 0, result.stdout + result.stderr
    _check_outputs(tmp_path)
