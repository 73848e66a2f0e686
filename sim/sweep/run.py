"""Run one simulation and write its outputs.

`simulate(cfg)` builds the model and steps it; `write_outputs(model, out_dir)` writes
`timeseries.parquet`, `summary.json` and `households.parquet`, each to a temporary
name first and renamed when whole, so a crash never leaves a half-written file.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import platform
import subprocess
import time
from collections.abc import Callable, Mapping
from importlib import metadata
from pathlib import Path
from typing import Any

import mesa
import numpy as np
import pandas as pd
from omegaconf import DictConfig, OmegaConf

from sim import __version__
from sim.config.paths import PROJECT_ROOT
from sim.economy.constants import CATEGORIES, KINDS, REGIONS
from sim.economy.model import EconomyModel

# Outcomes that are flows: summed over the four quarters of a year in summary.json.
FLOW_OUTCOMES = ("consumption_pc", "income_pc", "gdp", "fiscal_cost", "firm_entries",
                 "firm_exits", "default_rate", "upgrades", "recalls", "hukou_conversions",
                 "consumer_subsidy", "producer_subsidy", "exports")


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
    through `Agent._ids`; see TRAPS.md)."""
    mesa.Agent._ids.pop(model, None)


def summary(model: EconomyModel) -> dict[str, Any]:
    """Scenario, seed and each outcome over the final simulated year (flows summed over
    its quarters, everything else averaged)."""
    ts = model.timeseries()
    last_year = ts.tail(min(4, len(ts)))
    outcomes: dict[str, float] = {}
    for column in ts.columns:
        if column in ("step", "quarter", "scenario"):
            continue
        flow = column in FLOW_OUTCOMES or any(column.startswith(f + "_") for f in
                                              ("consumption_pc", "income_pc"))
        values = last_year[column].astype(float)
        outcomes[column] = float(values.sum() if flow else values.mean())
    return {
        "scenario": model.scenario,
        "title": vars(model.p.scenario.title),
        "clauses": list(model.p.scenario.clauses),
        "seed": int(model.p.seed),
        "households": len(model.households),
        "steps": int(model.p.steps),
        "final_year": [str(q) for q in last_year["quarter"]],
        "model_version": __version__,
        "provenance": provenance(model),
        "outcomes": outcomes,
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
            "git_commit": commit, "git_dirty": dirty, "model_source": source_fingerprint(),
            "versions": versions}


HEADLINE = (
    ("consumption_pc", "consumption per person, yuan/year", "{:,.0f}"),
    ("consumption_pc_urban", "  urban residents", "{:,.0f}"),
    ("consumption_pc_migrant", "  migrants", "{:,.0f}"),
    ("consumption_pc_rural", "  rural residents", "{:,.0f}"),
    ("income_pc", "disposable income per person, yuan/year", "{:,.0f}"),
    ("consumption_rate", "consumption rate", "{:.3f}"),
    ("engel", "Engel coefficient", "{:.3f}"),
    ("upgrade_share", "upgrade (development and enjoyment) share", "{:.3f}"),
    ("quality_share", "quality (upper-tier) share", "{:.3f}"),
    ("online_share", "online share of goods", "{:.3f}"),
    ("outbound_share", "outbound share", "{:.3f}"),
    ("debt_to_income", "consumer debt / income", "{:.3f}"),
    ("employment_rate", "employment rate", "{:.3f}"),
    ("fiscal_cost", "fiscal cost of levers, yuan/year", "{:,.3g}"),
    ("gov_debt", "government debt, yuan", "{:,.3g}"),
)


def headline(summary: dict[str, Any]) -> str:
    """The headline outcomes of a run's final year as a short table."""
    years = summary["final_year"]
    lines = [f"{summary['scenario']} (seed {summary['seed']}), {years[0]}-{years[-1]}:"]
    for key, label, fmt in HEADLINE:
        lines.append(f"  {label:<44} {fmt.format(summary['outcomes'][key]):>14}")
    return "\n".join(lines)


def household_snapshot(model: EconomyModel) -> pd.DataFrame:
    """Household microdata at the last step (money in yuan, flows per quarter;
    `real_consumption` at 2016 prices, deflated by the kind's price index)."""
    h = model.households
    real = (h.spending / model.kind_price_index[h.kind]).sum(axis=1)
    data: dict[str, Any] = {
        "household": np.arange(len(h)),
        "kind": pd.Categorical.from_codes(h.kind, KINDS),
        "region": pd.Categorical.from_codes(h.region, REGIONS),
        "persons": h.persons,
        "earners": h.earners,
        "income": h.income,
        "permanent_income": h.permanent_income,
        "consumption": h.spending.sum(axis=1),
        "real_consumption": real,
    }
    for c, name in enumerate(CATEGORIES):
        data[f"consumption_{name}"] = h.spending[:, c]
    data.update(
        deposits=h.deposits, debt=h.debt, employed=h.employed, credit_access=h.credit_access,
        covered=h.covered, online=h.online, quality_taste=h.quality_taste,
        trust=h.trust.mean(axis=1), weight=np.full(len(h), model.scale),
    )
    return pd.DataFrame(data)


@functools.cache
def source_fingerprint() -> str:
    """Hash of the model's code, configs and scenarios: a complete run is reused only
    if it was made by the same model."""
    root = PROJECT_ROOT
    digest = hashlib.sha256()
    files = [*sorted((root / "sim").rglob("*.py")), *sorted((root / "configs").rglob("*.yaml")),
             *sorted((root / "scenarios").glob("*.yaml"))]
    for path in files:
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _resolved(cfg: DictConfig) -> str:
    """The run's config as YAML, without Hydra's own settings and the keys that do not
    change results (the sweep's folder name, progress printing), with the model's
    source fingerprint."""
    plain = OmegaConf.to_container(cfg, resolve=True)
    for key in ("hydra", "sweep", "progress"):
        plain.pop(key, None)
    plain["model_source"] = source_fingerprint()
    return OmegaConf.to_yaml(OmegaConf.create(plain))


def already_complete(out_dir: str | Path, cfg: DictConfig) -> bool:
    """True if `out_dir` holds complete outputs of a run with the same config."""
    out = Path(out_dir)
    if not (out / "summary.json").exists() or not (out / RESOLVED).exists():
        return False
    return (out / RESOLVED).read_text() == _resolved(cfg)


def write_status(out_dir: str | Path, status: str, overrides: list[str],
                 seconds: float | None = None, error: str | None = None) -> None:
    """Record a sweep job's status: complete, skipped or failed (with the error)."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    record = {"status": status, "overrides": overrides, "seconds": seconds, "error": error}
    _atomic(out / "status.json", lambda p: p.write_text(json.dumps(record, indent=2)))


def _atomic(path: Path, write: Callable[[Path], None]) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    write(tmp)
    os.replace(tmp, path)


RESOLVED = "resolved_config.yaml"


def write_outputs(model: EconomyModel, out_dir: str | Path, cfg: DictConfig | None = None,
                  households: bool = True) -> Path:
    """Write the run's files into `out_dir` (created if needed); return the directory.
    `summary.json` is written last: its presence marks the outputs complete."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    if cfg is not None:
        _atomic(out / RESOLVED, lambda p: p.write_text(_resolved(cfg)))
    _atomic(out / "timeseries.parquet", lambda p: model.timeseries().to_parquet(p, index=False))
    if households:
        _atomic(out / "households.parquet",
                lambda p: household_snapshot(model).to_parquet(p, index=False))
    _atomic(out / "summary.json",
            lambda p: p.write_text(json.dumps(summary(model), indent=2, ensure_ascii=False)))
    return out
