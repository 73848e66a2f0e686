"""Run one simulation and write its outputs.

`simulate(cfg)` builds the model and steps it; `write_outputs(model, out_dir)` writes
`timeseries.parquet`, `summary.json`, `households.parquet` and `firms.parquet`, each to a
temporary name first and renamed when whole, so a crash never leaves a half-written file.
Every column of the Parquet files carries its unit and label in its metadata
(`pyarrow.parquet.read_schema(path).field(name).metadata`).
"""

from __future__ import annotations

import functools
import json
import platform
import subprocess
import time
from collections.abc import Callable, Mapping
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from omegaconf import DictConfig, OmegaConf

from sim import __version__
from sim.compat import forget_model
from sim.config.paths import PROJECT_ROOT
from sim.economy.constants import CATEGORIES, KINDS, REGIONS
from sim.economy.model import EconomyModel
from sim.economy.outcomes import HEADLINE, OUTCOMES
from sim.sweep.reuse import atomic, code_fingerprint


def simulate(cfg: DictConfig | Mapping[str, Any],
             progress: Callable[[str], None] | None = None) -> EconomyModel:
    """Build the model from `cfg` and run it for `cfg.steps` quarters.

    `progress`, if given, receives one line per simulated year.
    """
    model = EconomyModel(cfg)
    started = time.perf_counter()
    for _ in range(int(model.p.steps)):
        model.step()
        last = model.records[-1]
        if progress and (last["quarter"].endswith("Q4") or model.t == model.p.steps - 1):
            progress(
                f"{last['quarter']}  consumption/person {last['consumption_pc']:8.0f} yuan/q  "
                f"upgrade share {last['upgrade_share']:.3f}  quality share "
                f"{last['quality_share']:.3f}  ({time.perf_counter() - started:.1f}s)")
    return model


def release(model: EconomyModel) -> None:
    """Let a finished model be garbage-collected (Mesa 3.3.1 keeps every model alive
    through the class attribute `Agent._ids`, fixed upstream after 3.3.1)."""
    forget_model(model)


def final_year(ts: pd.DataFrame) -> dict[str, float]:
    """Each outcome of a time series over its final simulated year, summarised as the
    registry declares (flows summed over the year's quarters, others averaged, the ledger
    residual's largest)."""
    last_year = ts.tail(min(4, len(ts)))
    out: dict[str, float] = {}
    for column in ts.columns:
        if column in ("step", "quarter", "scenario"):
            continue
        how = OUTCOMES[column].year if column in OUTCOMES else "mean"
        values = last_year[column].astype(float)
        out[column] = float(getattr(values, how)())
    return out


def summary(model: EconomyModel) -> dict[str, Any]:
    """Scenario, seed and each outcome over the final simulated year, with each
    outcome's labels and yearly unit (`outcome_info`, from the registry)."""
    ts = model.timeseries()
    outcomes = final_year(ts)
    return {
        "scenario": model.scenario,
        "title": vars(model.p.scenario.title),
        "clauses": list(model.p.scenario.clauses),
        "seed": int(model.p.seed),
        "households": len(model.households),
        "steps": int(model.p.steps),
        "final_year": [str(q) for q in ts["quarter"].tail(min(4, len(ts)))],
        "model_version": __version__,
        "provenance": provenance(model),
        "outcomes": outcomes,
        "outcome_info": {
            name: {"label": {"en": o.label("en"), "zh": o.label("zh")},
                   "unit": {"en": o.unit("en", "year"), "zh": o.unit("zh", "year")},
                   "kind": o.kind, "year": o.year}
            for name, o in OUTCOMES.items() if name in outcomes},
    }


@functools.cache
def _git_state() -> tuple[str, bool]:
    """The project's git commit and whether tracked files differ from it."""
    root = PROJECT_ROOT
    try:
        commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=root, capture_output=True,
                                text=True, timeout=10).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"],
                               cwd=root, capture_output=True, text=True, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return "unknown", False
    return commit or "unknown", bool(dirty.strip())


def provenance(model: EconomyModel) -> dict[str, Any]:
    """What made this run: seed, config file, package versions, git commit, source hash."""
    commit, dirty = _git_state()
    packages = ("mesa", "numpy", "pandas", "scipy", "hydra-core", "pyarrow", "matplotlib")
    versions = {"python": platform.python_version()}
    for package in packages:
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = "not installed"
    return {"seed": int(model.p.seed), "scenario": model.scenario, "config": RESOLVED,
            "git_commit": commit, "git_dirty": dirty, "model_source": code_fingerprint(),
            "versions": versions}




def headline(summary: dict[str, Any]) -> str:
    """The headline outcomes of a run's final year as a short table (labels, units and
    formats from the outcome registry)."""
    years = summary["final_year"]
    lines = [f"{summary['scenario']} (seed {summary['seed']}), {years[0]}-{years[-1]}:"]
    for name in HEADLINE:
        if name not in summary["outcomes"]:
            continue  # (derived by a comparison with the baseline)
        o = OUTCOMES[name]
        lines.append(f"  {o.label('en'):<42} {o.format(summary['outcomes'][name]):>18}  "
                     f"{o.unit('en', 'year')}")
    return "\n".join(lines)


def household_snapshot(model: EconomyModel) -> pd.DataFrame:
    """Household microdata at the last step (money in yuan, flows per quarter;
    `real_consumption` at 2016 prices, deflated by the kind's price index; `welfare`,
    money-metric consumption: yuan at the opening's prices, qualities and varieties that
    leave the household as well off, sim.economy.processes.welfare)."""
    h = model.households
    real = (h.spending / model.quarter.kind_price_index[h.kind]).sum(axis=1)
    data: dict[str, Any] = {
        "household": h.key,
        "kind": pd.Categorical.from_codes(h.kind, KINDS),
        "region": pd.Categorical.from_codes(h.region, REGIONS),
        "persons": h.persons,
        "earners": h.earners,
        "income": h.income,
        "permanent_income": h.permanent_income,
        "consumption": h.spending.sum(axis=1),
        "real_consumption": real,
        "welfare": (model.quarter.welfare if model.quarter.welfare is not None
                    else np.zeros(len(h))),
    }
    for c, name in enumerate(CATEGORIES):
        data[f"consumption_{name}"] = h.spending[:, c]
    data.update(
        deposits=h.deposits, debt=h.debt, employed=h.employed, credit_access=h.credit_access,
        covered=h.covered, online=h.online, quality_taste=h.quality_taste,
        trust=h.trust.mean(axis=1), weight=np.full(len(h), model.scale),
    )
    return pd.DataFrame(data)


def firm_snapshot(model: EconomyModel) -> pd.DataFrame:
    """The live firms at the last step: what they sell, how good and productive they
    are, their prices, size, finance and age (money in yuan, province totals of the real
    firms a firm agent stands for; flows per quarter)."""
    f = model.firms
    live = np.flatnonzero(f.alive)
    c = f.category[live]
    revenue = f.revenue[live]
    total = np.bincount(c, weights=revenue, minlength=len(CATEGORIES))
    channel = np.where(f.online[live], "offline_and_online", "offline")
    return pd.DataFrame({
        "firm": live,
        "category": pd.Categorical.from_codes(c, CATEGORIES),
        "region": pd.Categorical.from_codes(f.region[live], REGIONS),
        "channel": pd.Categorical(channel, categories=["offline", "offline_and_online"]),
        "quality": f.quality[live], "declared_quality": f.declared[live],
        "productivity": f.productivity[live], "markup": f.markup[live],
        "market_share": np.divide(revenue, total[c], out=np.zeros(len(live)),
                                  where=total[c] > 0),
        "revenue": revenue, "employees": f.labour[live],
        "research_labour": f.research_labour[live],
        "capital": model.quarter.capital_price * f.capital[live],
        "capacity_utilisation": np.divide(
            f.output[live], f.capital[live] / model.p.capital.capital_output_ratio,
            out=np.zeros(len(live)), where=f.capital[live] > 0),
        "cash": np.maximum(f.cash[live], 0.0),
        "debt": np.maximum(-f.cash[live], 0.0), "profit": f.profit[live],
        "age": model.t - f.born[live], "innovations": f.innovations[live],
        "imitations": f.imitations[live], "upgrades": f.upgrades[live],
        "green": f.green[live], "real_firms": np.full(len(live),
                                                      model.macro.real_firms_per_agent),
        "vintage_gap": model.macro.frontier[c] - f.technology[live],
    })


FIRM_UNITS: dict[str, str] = {
    "firm": "row of the firm table", "category": "consumption category",
    "region": "prd (Pearl River Delta) or non_prd",
    "channel": "offline, or offline and online",
    "quality": "quality index (0 = lowest on sale in 2016, 1 = world frontier)",
    "declared_quality": "quality index the firm declares",
    "productivity": "output units per efficiency unit of labour, relative to the economy's "
                    "productivity (its own efficiency, its category's technology and its "
                    "capital's vintage)",
    "markup": "price over unit cost, minus one",
    "market_share": "share of its category's revenue",
    "revenue": "yuan, this quarter", "employees": "efficiency units of labour",
    "research_labour": "efficiency units of labour in R&D",
    "capital": "yuan (capital stock at this quarter's price of capital goods)",
    "capacity_utilisation": "output over what the firm's capital can make, share",
    "cash": "yuan (deposits)", "debt": "yuan (overdraft with the bank)",
    "profit": "yuan, this quarter", "age": "quarters since entry (2016 firms: from 2016Q1)",
    "innovations": "innovations adopted since entry", "imitations": "imitations adopted",
    "upgrades": "quality upgrades bought", "green": "true or false (green label)",
    "real_firms": "real firms this agent stands for",
    "vintage_gap": "how far its capital's embodied technology lags its category's frontier, "
                   "log points",
}
"""The unit of each column of firms.parquet."""


def resolved(cfg: DictConfig) -> str:
    """The run's config as YAML, without Hydra's own settings and the keys that do not
    change results (the sweep's folder name, progress printing), with the fingerprint of
    the model's code."""
    plain = {key: OmegaConf.to_container(cfg[key], resolve=True) if OmegaConf.is_config(
        cfg[key]) else cfg[key] for key in cfg if key not in ("hydra", "sweep", "progress")}
    plain["model_source"] = code_fingerprint()
    return OmegaConf.to_yaml(OmegaConf.create(plain))


HOUSEHOLD_UNITS: dict[str, str] = {
    "household": "row of the household table", "kind": "urban, rural or migrant",
    "region": "prd (Pearl River Delta) or non_prd", "persons": "persons",
    "earners": "persons in work when employed",
    "income": "yuan per household, this quarter (disposable)",
    "permanent_income": "yuan per household per quarter",
    "consumption": "yuan per household, this quarter",
    "real_consumption": "yuan per household, this quarter, 2016 prices",
    "welfare": "yuan per household, this quarter, at the 2016 opening's prices, qualities "
               "and varieties (money-metric consumption)",
    **{f"consumption_{c}": "yuan per household, this quarter" for c in CATEGORIES},
    "deposits": "yuan per household", "debt": "yuan per household",
    "employed": "true or false", "credit_access": "true or false",
    "covered": "true or false (urban public services and social insurance)",
    "online": "true or false", "quality_taste": "logit weight on quality",
    "trust": "index (0 to 1), mean over categories",
    "weight": "real households this agent stands for",
}
"""The unit of each column of households.parquet (money per real household)."""


def _with_units(frame: pd.DataFrame, units: dict[str, tuple[str, str, str]]) -> pa.Table:
    """`frame` as an Arrow table whose fields carry (unit, label, Chinese label)."""
    table = pa.Table.from_pandas(frame, preserve_index=False)
    fields = []
    for field in table.schema:
        unit, en, zh = units.get(field.name, ("", "", ""))
        fields.append(field.with_metadata({"unit": unit, "label": en, "label_zh": zh}))
    return table.cast(pa.schema(fields, metadata=table.schema.metadata))


def timeseries_units() -> dict[str, tuple[str, str, str]]:
    """Unit and labels of every time-series column (per quarter)."""
    out = {"step": ("quarter index, 0 = the first", "step", "期数"),
           "quarter": ("calendar quarter", "quarter", "季度"), "scenario": ("", "scenario", "情景")}
    out |= {name: (o.unit("en", "quarter"), o.label("en"), o.label("zh"))
            for name, o in OUTCOMES.items()}
    return out


RESOLVED = "resolved_config.yaml"


def write_outputs(model: EconomyModel, out_dir: str | Path, cfg: DictConfig | None = None,
                  households: bool = True,
                  before_summary: Callable[[], None] | None = None) -> Path:
    """Write the run's files into `out_dir` (created if needed); return the directory.
    `summary.json` is written last: its presence marks the outputs complete.
    `before_summary` runs once every other file is whole (a sweep records the job's
    status there, so that no run with a summary lacks its record)."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    if cfg is not None:
        atomic(out / RESOLVED, lambda p: p.write_text(resolved(cfg)))
    atomic(out / "timeseries.parquet",
           lambda p: pq.write_table(_with_units(model.timeseries(), timeseries_units()), p))
    if households:
        units = {k: (v, k.replace("_", " "), "") for k, v in HOUSEHOLD_UNITS.items()}
        atomic(out / "households.parquet",
               lambda p: pq.write_table(_with_units(household_snapshot(model), units), p))
    units = {k: (v, k.replace("_", " "), "") for k, v in FIRM_UNITS.items()}
    atomic(out / "firms.parquet",
           lambda p: pq.write_table(_with_units(firm_snapshot(model), units), p))
    if before_summary is not None:
        before_summary()
    atomic(out / "summary.json",
           lambda p: p.write_text(json.dumps(summary(model), indent=2, ensure_ascii=False)))
    return out
