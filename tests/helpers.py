"""Shared helpers: small economies built from the real config, and tiny agent tables
whose every value a test can read off (the unit tests of each process)."""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable, Sequence
from types import SimpleNamespace
from typing import Any

import numpy as np
import pandas as pd
from claims import Effect, over_seeds, seed

from sim.config import load_config
from sim.config.levers import Levers, levers_of
from sim.config.parameters import GROUPS
from sim.economy.agents import FirmTable, HouseholdTable
from sim.economy.constants import N_CATEGORIES
from sim.economy.model import EconomyModel
from sim.economy.population import FIRM_DTYPES

SMALL = ["population.households=3000", "progress=false"]


def build(overrides: Sequence[str] = ()) -> EconomyModel:
    """A small economy (3,000 households) with the given Hydra overrides, at the test
    block's first seed unless they name one (tests/claims.py)."""
    named = any(o.startswith("seed=") for o in overrides)
    return EconomyModel(load_config([*SMALL, *([] if named else [f"seed={seed()}"]),
                                     *overrides]))


def run(overrides: Sequence[str] = (), steps: int = 8) -> EconomyModel:
    """A small economy stepped `steps` quarters."""
    model = build(overrides)
    for _ in range(steps):
        model.step()
    return model


def params(**groups: dict[str, Any]) -> SimpleNamespace:
    """The declared parameters (as sim.config.parameters declares them, without the
    calibration), with `groups` replacing values: params(households={"mpc_cash": 0.1})."""
    out = {}
    for name, schema in GROUPS.items():
        out[name] = dataclasses.replace(schema(), **groups.get(name, {}))
    return SimpleNamespace(**out)


def levers(**values: Any) -> Levers:
    """The levers at their 2016 values, with `values` replacing some
    (levers(**{"credit.interest_rate": 0.06})), typed as a quarter's levers are."""
    return levers_of(values)


HOUSEHOLD_DEFAULTS: dict[str, Any] = dict(
    kind=0, origin=0, region=0, persons=2.0, earners=1.0, skill=10_000.0, employed=True, employer=0,
    income=0.0, permanent_income=20_000.0, deposits=50_000.0, debt=0.0, credit_access=False,
    credit_limit=0.0, excluded_until=-1, covered=True, online=True, quality_taste=2.0,
    buffer_factor=1.0, owner_weight=0.0, trust=0.7, spending=0.0, durables_ahead=0.0,
    rank_credit=0.5, rank_coverage=0.5, rank_online=0.5, rank_broadband=0.5)
HOUSEHOLD_DTYPES = {"kind": np.int8, "origin": np.int8, "region": np.int8, "employed": bool,
                    "employer": np.int32, "credit_access": bool, "excluded_until": np.int32,
                    "covered": bool, "online": bool}


def households(n: int = 3, **columns: Any) -> HouseholdTable:
    """`n` households with plain values (an urban, covered, employed two-person household
    with 50,000 yuan of deposits and no debt), and `columns` set (one value, or one per
    household; `trust`, `spending` and `durables_ahead` may be rows of 8)."""
    data = {}
    for name, default in HOUSEHOLD_DEFAULTS.items():
        value = np.asarray(columns.pop(name, default))
        shape = (n, N_CATEGORIES) if name in ("trust", "spending", "durables_ahead") else (n,)
        data[name] = np.broadcast_to(value, shape).astype(
            HOUSEHOLD_DTYPES.get(name, float)).copy()
    if columns:
        raise KeyError(f"unknown household columns {sorted(columns)}")
    if not data["owner_weight"].any():
        data["owner_weight"][:] = 1.0 / n
    return HouseholdTable(**data)


FIRM_DEFAULTS: dict[str, Any] = dict(
    key=0, category=0, region=0, alive=True, quality=0.3, declared=0.3, honesty=0.05,
    misdeclaration_gain=0.03, export_share=0.0, probation_until=-1, productivity=1.15, markup=0.15,
    capacity=np.inf, inventory=0.0,
    output=100.0, expected_demand=100.0, demand=100.0, sales=100.0, revenue=100.0,
    wage_bill=80.0, labour=80.0, research_labour=0.0, overhead_labour=0.0, cash=100.0,
    profit=0.0, online=False, green=False, born=0, died=-1, loss_quarters=0, upgrades=0,
    innovations=0, imitations=0, capital=375.0, ordered_capital=0.0, ordered_fitout=0.0,
    ordered_upgrade=0.0, ordered_quality=0.0, technology=0.0, productivity_shock=0.0,
    upgrade_pace=0.0)


def firms(n: int = 2, **columns: Any) -> FirmTable:
    """`n` firms with plain values (a live food firm of quality 0.3 selling 100 units a
    quarter offline, with the capital for them at 80% use), and `columns` set (one
    value, or one per firm)."""
    data = {}
    for name, default in FIRM_DEFAULTS.items():
        value = np.asarray(columns.pop(name, default))
        data[name] = np.broadcast_to(value, (n,)).astype(FIRM_DTYPES[name]).copy()
    if columns:
        raise KeyError(f"unknown firm columns {sorted(columns)}")
    data["key"] = np.arange(n) if "key" not in columns else data["key"]
    return FirmTable(**data)


def rng(seed: int = 0) -> np.random.Generator:
    """A generator for a process under test."""
    return np.random.default_rng(seed)


# Paired whole-economy claims: small economies at the seeds of tests/claims.py.
LEVER_SIZE = "population.households=4000"


@functools.lru_cache(maxsize=64)
def lever_run(change: tuple[str, ...], seed: int, steps: int, size: str) -> EconomyModel:
    """A paired test's economy, built once per change, seed, length and size in a test
    process: the baseline serves every paired test, and a test that reads several
    measures of one change reads them off the same runs (measures only read a model)."""
    return run([f"seed={seed}", size, *change], steps=steps)


def paired(change: Sequence[str], measure: Callable[[Any], float], *, n: int, steps: int = 10,
           size: str = LEVER_SIZE, common: Sequence[str] = ()) -> Effect:
    """measure(reform) - measure(baseline) over the block's first `n` seeds (common
    random numbers: the differences are paired); `common` overrides apply to both."""
    def difference(seed: int) -> float:
        reform = lever_run((*common, *change), seed, steps, size)
        return measure(reform) - measure(lever_run(tuple(common), seed, steps, size))
    return over_seeds(difference, n)


def last_year(column: str) -> Callable[[Any], float]:
    """The mean of an outcome column over a run's last four quarters."""
    return lambda m: m.timeseries()[column].iloc[-4:].mean()


def total(column: str) -> Callable[[Any], float]:
    """The sum of an outcome column over a run."""
    return lambda m: m.timeseries()[column].sum()


def chain_table(research_low: dict[str, float], productivity_low: dict[str, float]
                ) -> pd.DataFrame:
    """A chain table for scenarios with the given lower bounds of the research change
    and of the productivity part (every other value plain)."""
    from sim.tools.chain import COLUMNS, PARTS

    rows = []
    for scenario, low in research_low.items():
        for part, (label, unit) in PARTS.items():
            mean = {"welfare_gain": 300.0, "demand": 400.0, "prices": -200.0,
                    "quality_variety": 80.0, "productivity_growth": 20.0,
                    "research": 2.0, "firm_quality": 0.01, "productivity": 0.02}[part]
            lower = {"research": low,
                     "productivity_growth": productivity_low[scenario]}.get(part, mean - 50)
            rows.append({"scenario": scenario, "part": part, "label": label, "unit": unit,
                         "mean": mean, "low": lower, "high": mean + 50, "seeds": 5,
                         "households": 10_000, "year": 2025, "model_source": "x"})
    return pd.DataFrame(rows, columns=list(COLUMNS))
