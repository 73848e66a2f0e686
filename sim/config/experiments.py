"""The policy experiments the model replays (`experiments/`, one YAML per experiment;
sim.tools.replicate runs them): a published study of a policy like one of the plan's
levers, its estimate with its interval, the design that replays it in the model and the
measure that reads the effect the way the study does.

A file holds:

    title: {en: ..., zh: ...}
    study: the citation (authors, year, journal, volume)
    lever: the scenario or lever of the plan the experiment speaks to
    estimate:
      value: 0.7           # the study's estimate
      low: 0.5             # its interval (or the range of its specifications)
      high: 0.9
      what: {en: the estimate in words with its unit, zh: 同上（中文）}
      read: where the figures were read (or "recalled": not read in the source)
    design:
      levers: {subsidy.budget: 2.0e10, ...}       # as in a scenario: only what changes
      schedule: {subsidy.budget: {start: 2017Q1, ramp_quarters: 0, end: 2017Q2}}
    measure:
      kind: spent_share    # one of sim.tools.replicate.MEASURES
      ...                  # the measure's own keys (window, outcome, ...)
    note: how the replay differs from the study's design, and why
    identifies: households.mpc_cash   # optional: the response parameter the study's
                                      # estimate speaks to (python -m sim.replicate
                                      # --identify: the range of it the study allows)

The design is checked as a scenario is (sim.config.scenarios: levers, schedules) and the
measure against the menu of measures, before any run starts.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sim.config.compose import override_text
from sim.config.errors import ConfigError, nearest
from sim.config.parameters import declaration_of
from sim.config.paths import PROJECT_ROOT
from sim.config.quarters import QUARTER
from sim.config.scenarios import check_levers, read_file

EXPERIMENT_DIR = Path(os.environ.get("SIM_EXPERIMENT_DIR")
                      or PROJECT_ROOT / "experiments").resolve()
FIELDS = ("title", "study", "lever", "estimate", "design", "measure", "note", "identifies")
OPTIONAL = ("note", "identifies")
ESTIMATE_FIELDS = ("value", "low", "high", "what", "read")


@dataclass(frozen=True)
class Estimate:
    """A study's estimate: its value and interval (the same unit as the measure)."""

    value: float
    low: float
    high: float
    what: str  # the estimate in words, with its unit
    what_zh: str
    read: str  # where the figures were read, or "recalled"


@dataclass(frozen=True)
class Experiment:
    """A published policy experiment and its replay in the model."""

    name: str
    title_en: str
    title_zh: str
    study: str
    lever: str
    estimate: Estimate
    levers: dict[str, Any]
    schedule: dict[str, dict[str, Any]]
    measure: dict[str, Any]
    note: str = ""
    identifies: str = ""  # the response parameter the estimate speaks to, if any
    path: Path | None = field(default=None, compare=False)

    def overrides(self) -> list[str]:
        """The design as Hydra overrides of a run (its levers and their schedules)."""
        out = [f"policy.{key}={override_text(value)}" for key, value in self.levers.items()]
        for key, spec in self.schedule.items():
            inner = ",".join(f"{k}:{v}" for k, v in spec.items())
            out.append(f"+schedule.{key}={{{inner}}}")
        return out


def _where(path: Path) -> str:
    try:
        return str(path.relative_to(PROJECT_ROOT))
    except ValueError:
        return path.name


def load(path: Path, measures: dict[str, tuple[str, ...]]) -> Experiment:
    """Read and check one experiment file; `measures` maps each measure kind to the keys
    it needs besides `kind` (sim.tools.replicate.MEASURES). ConfigError naming the file,
    the key, the value and what is allowed."""
    where = _where(path)
    raw = read_file(path, FIELDS, "experiment", where)
    missing = [k for k in FIELDS if k not in OPTIONAL and not raw.get(k)]
    title = raw.get("title") or {}
    missing += [f"title.{lang}" for lang in ("en", "zh") if not title.get(lang)]
    if missing:
        raise ConfigError(f"{where}: missing {', '.join(missing)}")
    estimate = _estimate(raw["estimate"], where)
    design = raw["design"]
    if not isinstance(design, dict) or set(design) - {"levers", "schedule"}:
        raise ConfigError(f"{where}: design must be a mapping with keys levers, schedule")
    levers, schedule = check_levers(design.get("levers"), design.get("schedule"), where)
    return Experiment(name=path.stem, title_en=title["en"], title_zh=title["zh"],
                      study=" ".join(str(raw["study"]).split()), lever=str(raw["lever"]),
                      estimate=estimate, levers=levers, schedule=schedule,
                      measure=_measure(raw["measure"], measures, where),
                      note=" ".join(str(raw.get("note") or "").split()),
                      identifies=_identifies(raw.get("identifies"), where), path=path)


def _identifies(raw: Any, where: str) -> str:
    """The parameter an experiment identifies: a declared parameter with a plausible
    range (the range the identification searches), or '' if none is named."""
    if raw is None:
        return ""
    declaration = declaration_of(str(raw))
    if declaration is None or str(raw) != declaration.key:
        raise ConfigError(f"{where}: identifies = {raw!r} is not a declared parameter "
                          "(a single value such as households.mpc_cash)")
    if declaration.plausible is None:
        raise ConfigError(f"{where}: identifies = {raw!r} has no declared plausible range "
                          "(plausible=...) to search")
    return str(raw)


def _estimate(raw: Any, where: str) -> Estimate:
    if not isinstance(raw, dict) or set(raw) != set(ESTIMATE_FIELDS):
        raise ConfigError(f"{where}: estimate must have exactly the keys "
                          f"{', '.join(ESTIMATE_FIELDS)}, got {raw!r}")
    numbers = {}
    for key in ("value", "low", "high"):
        value = raw[key]
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ConfigError(f"{where}: estimate.{key} = {value!r} must be a number")
        numbers[key] = float(value)
    if not numbers["low"] <= numbers["value"] <= numbers["high"]:
        raise ConfigError(f"{where}: estimate must have low <= value <= high, got "
                          f"{numbers['low']}, {numbers['value']}, {numbers['high']}")
    what = raw["what"]
    if not isinstance(what, dict) or not what.get("en") or not what.get("zh"):
        raise ConfigError(f"{where}: estimate.what must be {{en: ..., zh: ...}}, got {what!r}")
    return Estimate(**numbers, what=" ".join(str(what["en"]).split()),
                    what_zh="".join(str(what["zh"]).split()),
                    read=" ".join(str(raw["read"]).split()).rstrip("."))


def _measure(raw: Any, measures: dict[str, tuple[str, ...]], where: str) -> dict[str, Any]:
    kinds = tuple(measures)
    if not isinstance(raw, dict) or raw.get("kind") not in measures:
        kind = raw.get("kind") if isinstance(raw, dict) else raw
        raise ConfigError(f"{where}: measure.kind = {kind!r} is not a measure."
                          f"{nearest(str(kind), kinds)} Measures: {', '.join(kinds)}")
    needed = measures[raw["kind"]]
    extra = sorted(set(raw) - {"kind", *needed})
    lacking = [k for k in needed if k not in raw]
    if extra or lacking:
        raise ConfigError(f"{where}: measure {raw['kind']} takes the keys "
                          f"{', '.join(needed)}"
                          + (f"; unknown: {', '.join(extra)}" if extra else "")
                          + (f"; missing: {', '.join(lacking)}" if lacking else ""))
    for key in ("from", "to", "after"):
        if key in raw and not QUARTER.match(str(raw[key])):
            raise ConfigError(f"{where}: measure.{key} = {raw[key]!r} must read like 2017Q1")
    return dict(raw)


def catalogue(measures: dict[str, tuple[str, ...]],
              directory: Path = EXPERIMENT_DIR) -> dict[str, Experiment]:
    """Every experiment file of `directory`, loaded and checked (ConfigError on the first
    that fails)."""
    return {path.stem: load(path, measures) for path in sorted(directory.glob("*.yaml"))}
