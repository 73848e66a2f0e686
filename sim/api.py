"""A small public API for notebooks and scripts.

    import sim
    result = sim.run("rural_logistics", ["policy.rural_logistics.cost_markup=0.03"], seed=1)
    result.timeseries, result.summary, result.households, result.model
    sweep = sim.load_sweep("results/sweeps/main")
    sweep.comparison, sweep.runs, sweep.distribution, sweep.status
    dose = sim.dose_response("rural_logistics.cost_markup", [0, 0.06, 0.12], seeds=3)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from sim.config.compose import check, load_config
from sim.economy.model import EconomyModel
from sim.sweep.aggregate import aggregate
from sim.sweep.dose import dose_response  # noqa: F401 (sim.dose_response)
from sim.sweep.run import household_snapshot, release, simulate, summary


@dataclass
class RunResult:
    """A finished run: its outputs as tables, and the model itself."""

    model: EconomyModel
    timeseries: pd.DataFrame
    summary: dict[str, Any]
    households: pd.DataFrame


def run(scenario: str = "baseline", overrides: Sequence[str] = (), *, seed: int = 0,
        households: int | None = None, steps: int | None = None,
        keep_model: bool = False) -> RunResult:
    """Run one simulation in this process.

    Args:
        scenario: a scenario name (see `python -m sim.info scenarios`).
        overrides: Hydra overrides, e.g. ["policy.credit.interest_rate=0.06"].
        seed: random seed; the same seed in two scenarios gives paired runs.
        households: household agents (default: the config's 20,000).
        steps: quarters (default: the config's 40).
        keep_model: keep the model alive in Mesa's registry (for stepping it further);
            otherwise it is released after the outputs are taken.
    """
    extra = [f"scenario={scenario}", f"seed={seed}", "progress=false", *overrides]
    if households is not None:
        extra.append(f"population.households={households}")
    if steps is not None:
        extra.append(f"steps={steps}")
    cfg = load_config(extra)
    check(cfg)
    model = simulate(cfg)
    result = RunResult(model, model.timeseries(), summary(model), household_snapshot(model))
    if not keep_model:
        release(model)
    return result


@dataclass
class Sweep:
    """The aggregated tables of a sweep directory (see sim.aggregate)."""

    directory: Path
    comparison: pd.DataFrame
    runs: pd.DataFrame
    distribution: pd.DataFrame
    status: pd.DataFrame


def load_sweep(directory: str | Path, refresh: bool = False) -> Sweep:
    """Read a sweep's tables, aggregating it first if needed (or if `refresh`)."""
    path = Path(directory)
    if refresh or not (path / "comparison.parquet").exists():
        aggregate(path, echo=False)
    return Sweep(path, pd.read_parquet(path / "comparison.parquet"),
                 pd.read_parquet(path / "runs.parquet"),
                 pd.read_parquet(path / "distribution.parquet"),
                 pd.read_csv(path / "status.csv"))
