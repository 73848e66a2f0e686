"""A lever's dose-response: one sweep over the lever's values, each run compared with the
run at the lever's 2016 value and the same seed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from sim.config.errors import ConfigError
from sim.config.paths import PROJECT_ROOT
from sim.sweep.dose import command, dose_response, grid
from sim.sweep.jobs import find_jobs

MARKUP = "rural_logistics.cost_markup"


def test_the_grid_always_holds_the_levers_2016_value_as_the_reference() -> None:
    assert grid(MARKUP, [0.06, 0.0, 0.06]) == [0.0, 0.06, 0.12]


def test_a_bad_lever_or_value_is_refused_before_any_run() -> None:
    with pytest.raises(ConfigError, match="not a lever.*Did you mean"):
        command("rural_logistics.cost_markpu", [0.1])
    with pytest.raises(ConfigError, match="out of bounds"):
        command(MARKUP, [5.0])
    with pytest.raises(ConfigError, match="at least 2 seeds"):
        command(MARKUP, [0.0], seeds=1)


def test_a_lower_rural_surcharge_raises_rural_consumption_against_the_2016_value(
        tmp_path: Path) -> None:
    table = dose_response(MARKUP, [0.0], seeds=2, households=1500, steps=4,
                          outcomes=["consumption_pc_rural"], sweep_dir=tmp_path, jobs=2)
    rows = table.set_index("value")
    assert list(rows.index) == [0.0, 0.12]
    assert rows.loc[0.12, "diff"] == 0.0  # the reference against itself
    assert rows.loc[0.0, "change"] > 0 and rows.loc[0.0, "change_unit"] == "%"
    assert rows.loc[0.0, "n_paired"] == 2 and rows.loc[0.0, "lever_unit"]
    # paired by seed, as computed here from the runs' own summaries
    runs = {(job.settings[f"policy.{MARKUP}"], job.seed): job.path for job in find_jobs(tmp_path)}

    def rural(value: float, seed: int) -> float:
        summary = json.loads((runs[(value, seed)] / "summary.json").read_text())
        return summary["outcomes"]["consumption_pc_rural"]

    diffs = [rural(0.0, s) - rural(0.12, s) for s in (0, 1)]
    assert rows.loc[0.0, "diff"] == pytest.approx(np.mean(diffs), rel=1e-12)
    assert (tmp_path / "dose.csv").exists()


def test_the_dose_command_prints_the_table_and_draws_a_chart_per_outcome(tmp_path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "sim.dose", f"policy.{MARKUP}=0", "--seeds", "2",
         "--households", "1500", "--steps", "4", "--outcomes", "consumption_pc_rural",
         "--sweep-dir", str(tmp_path)], cwd=PROJECT_ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "4 runs: 4 to run" in result.stdout  # a fresh folder: the grid and 2016, 2 seeds
    assert "Consumption per person, rural residents" in result.stdout
    assert (tmp_path / "dose_consumption_pc_rural.png").exists()
    assert (tmp_path / "dose_consumption_pc_rural.svg").exists()
