"""Sweeps over levers and parameters as well as scenarios and seeds: every table keeps each
combination of the swept keys apart and pairs runs only within it; two runs that would be
aggregated as one are an error; a run is reused only while what it depends on is
unchanged."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml

from sim.config.paths import PROJECT_ROOT, SCENARIO_DIR
from sim.sweep.aggregate import aggregate
from sim.sweep.callbacks import check_sweep
from sim.sweep.jobs import CollisionError, Job, assign_variants

TINY = ["population.households=1500", "steps=4"]
RATE = "policy.credit.interest_rate"
# The README's lever grid, on a tiny economy.
GRID = ["scenario=baseline,consumer_credit", "seed=0,1,2", f"{RATE}=0.06,0.10"]


def multirun(out: Path, *overrides: str, env: dict[str, str] | None = None
             ) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "sim", "-m", *overrides, *TINY,
                           f"hydra.sweep.dir={out}", "hydra.launcher.n_jobs=2"],
                          cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=600,
                          env={**os.environ, **(env or {})})


@pytest.fixture(scope="module")
def lever_grid(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    out = tmp_path_factory.mktemp("grid")
    return out, multirun(out, *GRID)


def _final_year(run: Path, outcome: str) -> float:
    return json.loads((run / "summary.json").read_text())["outcomes"][outcome]


def test_a_lever_grid_compares_each_scenario_within_each_interest_rate(lever_grid) -> None:
    out, result = lever_grid
    assert result.returncode == 0, result.stdout + result.stderr
    comparison = pd.read_csv(out / "comparison.csv")
    assert RATE in comparison.columns
    rows = comparison[comparison.outcome == "consumption_pc"]
    assert sorted(zip(rows.scenario, rows[RATE], strict=True)) == [
        ("baseline", 0.06), ("baseline", 0.1), ("consumer_credit", 0.06),
        ("consumer_credit", 0.1)]
    assert not comparison.duplicated(["scenario", RATE, "outcome"]).any()
    # Paired within the rate: the difference is the mean over seeds of (credit - baseline)
    # at the same rate and seed, computed here from the runs' own summaries.
    status = pd.read_csv(out / "status.csv")
    for rate in ("0.06", "0.1"):
        def run(scenario: str, seed: int, rate: str = rate) -> Path:
            row = status[(status.scenario == scenario) & (status.seed == seed)
                         & (status.variant == f"{RATE}={rate}")]
            return out / row["run"].item()
        diffs = [_final_year(run("consumer_credit", s), "consumption_pc")
                 - _final_year(run("baseline", s), "consumption_pc") for s in range(3)]
        row = rows[(rows.scenario == "consumer_credit") & np.isclose(rows[RATE], float(rate))]
        assert row["n_paired"].item() == 3
        assert row["diff"].item() == pytest.approx(np.mean(diffs), rel=1e-12)
    for table in ("runs.parquet", "distribution.parquet"):
        frame = pd.read_parquet(out / table)
        assert sorted(frame[RATE].unique()) == [0.06, 0.1], table
    runs = pd.read_parquet(out / "runs.parquet")
    assert runs.groupby(["scenario", RATE, "seed"]).ngroups == 12


def test_the_progress_lines_name_each_runs_rate(lever_grid) -> None:
    _, result = lever_grid
    assert "12 runs: 12 to run" in result.stdout
    for rate in ("0.06", "0.1"):
        assert f"done    consumer_credit seed 2, {RATE}={rate} in " in result.stdout
    assert result.stdout.count("done    ") == 12


def test_two_runs_that_would_be_aggregated_as_one_are_an_error(lever_grid, tmp_path) -> None:
    """A copy of a run under another folder name whose overrides ask for the same run
    (the default scenario spelled out or not) makes the aggregation fail, naming both."""
    source, _ = lever_grid
    out = tmp_path / "collision"
    shutil.copytree(source, out)
    original = out / f"{RATE}=0.06,population.households=1500,scenario=baseline,seed=0,steps=4"
    twin = out / f"{RATE}=0.06,population.households=1500,seed=0,steps=4"
    shutil.copytree(original, twin)
    overrides = yaml.safe_load((twin / ".hydra" / "overrides.yaml").read_text())
    (twin / ".hydra" / "overrides.yaml").write_text(
        yaml.safe_dump([o for o in overrides if o != "scenario=baseline"]))
    with pytest.raises(CollisionError, match="aggregated as one"):
        aggregate(out, echo=False)
    result = subprocess.run([sys.executable, "-m", "sim.aggregate", str(out)],
                            cwd=PROJECT_ROOT, capture_output=True, text=True)
    assert result.returncode == 2
    assert original.name in result.stderr and twin.name in result.stderr


def test_a_collision_between_jobs_of_one_command_stops_the_sweep_before_it_starts() -> None:
    errors = check_sweep(["scenario=baseline", "seed=0", f"{RATE}=0.1,0.10"])
    assert any("two jobs ask for the same run" in e for e in errors)


def test_runs_differing_only_in_a_swept_key_are_different_variants() -> None:
    def job(rate: float | None, name: str) -> Job:
        settings = {"scenario": "baseline", "seed": 0, **({RATE: rate} if rate else {})}
        return Job(Path(name), "baseline", 0, "complete", 1.0, [], settings, {})

    jobs = [job(0.06, "a"), job(0.1, "b")]
    assert assign_variants(jobs) == [RATE]
    assert [j.variant_name for j in jobs] == [f"{RATE}=0.06", f"{RATE}=0.1"]
    with pytest.raises(CollisionError):
        assign_variants([job(0.06, "a"), job(0.06, "c")])


@pytest.mark.slow  # (a resumed sweep through the launcher: make test-all)
def test_adding_a_scenario_reruns_only_its_runs_and_a_dropped_one_is_left_out(
        tmp_path: Path) -> None:
    catalogue = tmp_path / "scenarios"
    shutil.copytree(SCENARIO_DIR, catalogue)
    env = {"SIM_SCENARIO_DIR": str(catalogue)}
    out = tmp_path / "sweep"
    first = multirun(out, "scenario=baseline,rural_logistics", "seed=0,1", env=env)
    assert first.returncode == 0, first.stdout + first.stderr
    written = {p: p.stat().st_mtime_ns for p in out.rglob("summary.json")}

    extra = yaml.safe_load((catalogue / "rural_logistics.yaml").read_text())
    extra["title"] = {"en": "More rural logistics", "zh": "更多农村物流"}
    extra["levers"]["rural_logistics.ecommerce_coverage"] = 0.95
    (catalogue / "more_logistics.yaml").write_text(yaml.safe_dump(extra, allow_unicode=True))
    second = multirun(out, "scenario=baseline,rural_logistics,more_logistics", "seed=0,1",
                      env=env)
    assert second.returncode == 0, second.stdout + second.stderr
    assert "6 runs: 2 to run, 4 reused" in second.stdout
    assert {p: p.stat().st_mtime_ns for p in written} == written  # untouched
    assert "more_logistics" in set(pd.read_csv(out / "comparison.csv")["scenario"])

    (catalogue / "more_logistics.yaml").unlink()
    third = multirun(out, "scenario=baseline,rural_logistics", "seed=0,1", env=env)
    assert third.returncode == 0, third.stdout + third.stderr
    assert "4 reused" in third.stdout and "2 runs left out" in third.stdout
    status = pd.read_csv(out / "status.csv")
    assert sorted(status.loc[status.status == "left out", "scenario"]) == ["more_logistics"] * 2
    assert "more_logistics" not in set(pd.read_csv(out / "comparison.csv")["scenario"])
