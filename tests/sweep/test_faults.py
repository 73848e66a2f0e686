"""Faults and reruns of sweeps: killed sweeps that resume, provenance, and the same
numbers in separate processes and with 1 or 2 parallel jobs."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from sim.config.paths import PROJECT_ROOT

SWEEP = ["-m", "scenario=baseline,rural_logistics", "seed=0,1,2", "population.households=3000",
         "steps=6"]
# Runs long enough (about a second each) for the sweep to be killed between two of them.
LONG_SWEEP = [*SWEEP[:3], "population.households=20000", "steps=24"]


def _sweep(out: Path, *extra: str, sweep: list[str] = SWEEP, **kwargs) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "sim", *sweep, f"hydra.sweep.dir={out}",
                             *extra], cwd=PROJECT_ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, **kwargs)


@pytest.mark.slow
def test_a_killed_sweep_keeps_finished_runs_and_resumes(tmp_path: Path) -> None:
    """SIGKILL the whole sweep mid-way: finished runs stay whole, the rest are reported
    incomplete, and the same command finishes the sweep, skipping what was done."""
    out = tmp_path / "sweep"
    proc = _sweep(out, "hydra.launcher.n_jobs=1", sweep=LONG_SWEEP, start_new_session=True)
    deadline = time.time() + 300
    while time.time() < deadline and len(list(out.rglob("summary.json"))) < 2:
        time.sleep(0.02)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    finished = {p.parent for p in out.rglob("summary.json")}
    assert 2 <= len(finished) < 6
    for run in finished:  # every finished run is whole
        pd.read_parquet(run / "timeseries.parquet")
        json.loads((run / "summary.json").read_text())
    assert not list(out.rglob(".*.tmp"))  # nothing half-written under a final name
    report = subprocess.run([sys.executable, "-m", "sim.aggregate", str(out)],
                            cwd=PROJECT_ROOT, capture_output=True, text=True)
    assert report.returncode == 0 and "complete" in report.stdout
    resumed = _sweep(out, "hydra.launcher.n_jobs=1", sweep=LONG_SWEEP)
    stdout, stderr = resumed.communicate(timeout=600)
    assert resumed.returncode == 0, stderr
    assert f"{6 - len(finished)} to run, {len(finished)} reused" in stdout
    assert stdout.count("done    ") == 6 - len(finished)
    assert len(list(out.rglob("summary.json"))) == 6
    status = pd.read_csv(out / "status.csv")
    assert sorted(status["status"]) == ["complete"] * (6 - len(finished)) + [
        "skipped"] * len(finished)
    assert status["seconds"].notna().all()


@pytest.mark.slow
def test_the_same_sweep_gives_the_same_numbers_with_one_or_two_jobs(tmp_path: Path) -> None:
    outputs = {}
    for jobs in (1, 2):
        out = tmp_path / f"jobs{jobs}"
        proc = _sweep(out, f"hydra.launcher.n_jobs={jobs}")
        _, stderr = proc.communicate(timeout=600)
        assert proc.returncode == 0, stderr
        outputs[jobs] = {p.parent.name: pd.read_parquet(p)
                         for p in out.rglob("timeseries.parquet")}
    assert outputs[1].keys() == outputs[2].keys() and len(outputs[1]) == 6
    for name, frame in outputs[1].items():
        pd.testing.assert_frame_equal(frame, outputs[2][name], check_exact=True)


def test_separate_processes_give_bit_identical_files(tmp_path: Path) -> None:
    for name in ("a", "b"):
        subprocess.run([sys.executable, "-m", "sim", "seed=4", "steps=4",
                        "population.households=2000", f"hydra.run.dir={tmp_path / name}"],
                       cwd=PROJECT_ROOT, check=True, capture_output=True)
    a = pd.read_parquet(tmp_path / "a" / "timeseries.parquet")
    b = pd.read_parquet(tmp_path / "b" / "timeseries.parquet")
    pd.testing.assert_frame_equal(a, b, check_exact=True)
    ha = pd.read_parquet(tmp_path / "a" / "households.parquet")
    hb = pd.read_parquet(tmp_path / "b" / "households.parquet")
    pd.testing.assert_frame_equal(ha, hb, check_exact=True)


def test_every_run_records_its_provenance(tmp_path: Path) -> None:
    subprocess.run([sys.executable, "-m", "sim", "seed=4", "steps=1",
                    "population.households=500", f"hydra.run.dir={tmp_path}"],
                   cwd=PROJECT_ROOT, check=True, capture_output=True)
    summary = json.loads((tmp_path / "summary.json").read_text())
    provenance = summary["provenance"]
    assert provenance["seed"] == 4
    assert {"python", "mesa", "numpy", "pandas", "hydra-core"} <= set(provenance["versions"])
    assert "git_commit" in provenance and provenance["config"] == "resolved_config.yaml"
    resolved = (tmp_path / "resolved_config.yaml").read_text()
    assert "seed: 4" in resolved and "interest_rate" in resolved
