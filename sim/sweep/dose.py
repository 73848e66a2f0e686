"""Dose-response of one lever (`python -m sim.dose policy.KEY=V1,V2,...`, or
`sim.dose_response` in a notebook).

One Hydra multirun of one scenario over a grid of the lever's values and a set of seeds,
with the lever's 2016 value added to the grid as the reference: each run is compared
with the reference run of the same seed (common random numbers), so the table says how
much each value of the lever changes each outcome over the final simulated year, with a
95% interval over seeds. The sweep reuses whole runs like any other, so widening the
grid runs only the new values. Writes `dose.csv` into the sweep's folder.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from sim.config.errors import ConfigError
from sim.config.levers import LEVERS
from sim.config.paths import PROJECT_ROOT
from sim.economy.outcomes import OUTCOMES
from sim.sweep.aggregate import _paired_rows, _summary, describe
from sim.sweep.jobs import command_of, find_jobs, in_command

DEFAULT_OUTCOMES = ("consumption_pc", "consumption_pc_rural", "consumption_pc_migrant",
                    "upgrade_share", "quality_share", "fiscal_cost")


def lever_of(key: str) -> str:
    """The lever's key under `policy` ("policy.credit.interest_rate" or
    "credit.interest_rate" -> "credit.interest_rate"); ConfigError if there is none."""
    from sim.config.validation import nearest

    key = key.removeprefix("policy.")
    if key not in LEVERS:
        raise ConfigError(f"policy.{key} is not a lever.{nearest(key, list(LEVERS))} "
                          "Levers: python -m sim.info levers")
    return key


def grid(lever: str, values: Sequence[float]) -> list[float]:
    """The values to run: the grid and the lever's 2016 value, sorted, each once."""
    baseline = LEVERS[lever].baseline
    return sorted({float(v) for v in values} | {float(baseline)})


def folder_of(lever: str, scenario: str = "baseline",
              sweep_dir: str | Path | None = None) -> Path:
    """The dose sweep's folder (default results/sweeps/dose/SCENARIO-LEVER)."""
    if sweep_dir:
        return Path(sweep_dir)
    return PROJECT_ROOT / "results" / "sweeps" / "dose" / f"{scenario}-{lever_of(lever)}"


def command(lever: str, values: Sequence[float], scenario: str = "baseline", seeds: int = 3,
            households: int | None = None, steps: int | None = None,
            sweep_dir: str | Path | None = None, jobs: int | None = None) -> list[str]:
    """The multirun's arguments (after `python -m sim -m`); checked before any work."""
    from sim.config.scenarios import names
    from sim.config.validation import check_overrides

    lever = lever_of(lever)
    if not LEVERS[lever].numeric:
        raise ConfigError(f"policy.{lever} takes names, not a number: a dose "
                          "needs a numeric lever (python -m sim.info levers)")
    if seeds < 2:
        raise ConfigError(f"seeds = {seeds}: at least 2 seeds are needed for an interval")
    runs = grid(lever, values)
    overrides = [f"scenario={scenario}", f"seed=range(0,{seeds})",
                 f"policy.{lever}={','.join(f'{v:g}' for v in runs)}"]
    for value in runs:
        check_overrides([f"scenario={scenario}", f"policy.{lever}={value:g}"], names())
    if households is not None:
        overrides.append(f"population.households={households}")
    if steps is not None:
        overrides.append(f"steps={steps}")
    overrides.append(f"hydra.sweep.dir={folder_of(lever, scenario, sweep_dir)}")
    overrides.append("hydra.callbacks.sweep.aggregate=false")  # dose_table reads the runs
    if jobs is not None:
        overrides.append(f"hydra.launcher.n_jobs={jobs}")
    return overrides


def dose_table(sweep_dir: str | Path, lever: str,
               outcomes: Sequence[str] | None = None) -> pd.DataFrame:
    """Per value of the lever and outcome: the mean over seeds and the paired change
    from the run at the lever's 2016 value (same seed), with its 95% interval, labels
    and units (as in comparison.csv)."""
    lever = lever_of(lever)
    sweep = Path(sweep_dir)
    jobs = [j for j in in_command(find_jobs(sweep), command_of(sweep)) if j.usable]
    key = f"policy.{lever}"
    if not jobs:
        raise FileNotFoundError(f"no complete runs in {sweep}")
    table = pd.DataFrame.from_dict(
        {(float(j.settings.get(key, LEVERS[lever].baseline)), j.seed): _summary(j)
         for j in jobs}, orient="index")
    table.index = pd.MultiIndex.from_tuples(table.index, names=["value", "seed"])
    chosen = list(outcomes or DEFAULT_OUTCOMES)
    reference = float(LEVERS[lever].baseline)
    values = table.index.get_level_values("value")
    base = table[chosen].xs(reference, level="value") if reference in values else None
    rows = []
    for value, group in table[chosen].groupby(level="value"):
        for row in _paired_rows(group.droplevel("value"), base):
            rows.append({"lever": key, "value": value, "reference": reference, **row})
    out = describe(pd.DataFrame(rows))
    out.insert(2, "lever_unit", LEVERS[lever].unit)
    return out


def dose_response(lever: str, values: Sequence[float], *, scenario: str = "baseline",
                  seeds: int = 3, households: int | None = None, steps: int | None = None,
                  outcomes: Sequence[str] | None = None, sweep_dir: str | Path | None = None,
                  jobs: int | None = None, echo: bool = False) -> pd.DataFrame:
    """Run (or reuse) the dose sweep of `lever` over `values` and return its table.

    `echo` prints the sweep's progress lines; otherwise a failure raises with the
    sweep's last lines."""
    args = command(lever, values, scenario, seeds, households, steps, sweep_dir, jobs)
    for name in outcomes or ():
        if name not in OUTCOMES:
            raise ConfigError(f"outcome {name!r} is not an outcome; see docs/model.md")
    done = subprocess.run([sys.executable, "-m", "sim", "-m", *args], cwd=PROJECT_ROOT,
                          text=True, capture_output=not echo)
    if done.returncode != 0:
        tail = "\n".join((done.stderr or "").strip().splitlines()[-5:])
        raise RuntimeError(f"the dose sweep failed (exit {done.returncode})"
                           + (f": {tail}" if tail else ""))
    folder = folder_of(lever, scenario, sweep_dir)
    table = dose_table(folder, lever, outcomes)
    table.to_csv(folder / "dose.csv", index=False)
    return table
