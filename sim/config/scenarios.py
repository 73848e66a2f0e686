"""The scenario catalogue: one YAML per policy package in `scenarios/`.

A scenario file holds an English and a Chinese title, the plan clauses it implements,
a rationale, and only the levers it changes (a diff on the baseline), optionally with a
schedule per lever (`start` quarter and `ramp_quarters` to reach the target) and a list
of other scenarios it `includes` (their levers first, its own on top). Each file is
checked against the lever declarations and registered as the Hydra option
`scenario=NAME`; a lever given on the command line wins over the scenario's value.

`python -m sim.info scenarios` lists the catalogue.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hydra.core.config_store import ConfigStore
from omegaconf import OmegaConf

from sim.config.errors import ConfigError, nearest
from sim.config.levers import lookup, nest
from sim.config.national import check_national
from sim.config.paths import SCENARIO_DIR
from sim.config.quarters import QUARTER, quarter_index

FIELDS = ("title", "clauses", "rationale", "levers", "schedule", "includes", "national")


@dataclass
class Scenario:
    """A policy package: titles, clauses, rationale, lever diff and schedule.

    `levers` and `schedule` are what a run gets: the included scenarios' first, in the
    order of `includes`, the file's own on top. `includes` names the scenarios the file
    includes, and `own_levers` holds the levers the file sets itself (its `levers:`),
    so that a whole can be set beside its parts (sim.tools.decompose).
    """

    name: str
    title_en: str
    title_zh: str
    clauses: list[str]
    rationale: str
    levers: dict[str, Any] = field(default_factory=dict)
    schedule: dict[str, dict[str, Any]] = field(default_factory=dict)
    path: Path | None = None
    includes: list[str] = field(default_factory=list)
    own_levers: dict[str, Any] = field(default_factory=dict)
    national: dict[str, Any] = field(default_factory=dict)

    def node(self) -> dict[str, Any]:
        """The Hydra config this scenario contributes (package _global_)."""
        return {
            "scenario": {"name": self.name, "title": {"en": self.title_en, "zh": self.title_zh},
                         "clauses": list(self.clauses), "rationale": self.rationale},
            "policy": nest(self.levers),
            "schedule": nest(self.schedule),
            "national": dict(self.national),
        }


def _where(path: Path) -> str:
    try:
        return str(path.relative_to(SCENARIO_DIR.parent))
    except ValueError:
        return str(path)


def read_file(path: Path, fields: Sequence[str], kind: str, where: str) -> dict[str, Any]:
    """A config file of `kind` (scenario, experiment) as a mapping with only the keys
    `fields`; ConfigError naming the file (`where`) if it is missing, not YAML, not a
    mapping or has an unknown key (with the nearest allowed one)."""
    if not path.exists():
        raise ConfigError(f"{where}: no such {kind} file")
    try:
        raw = OmegaConf.to_container(OmegaConf.load(path))
    except Exception as e:  # a YAML syntax error
        raise ConfigError(f"{where}: not valid YAML: {e}") from e
    if not isinstance(raw, dict):
        raise ConfigError(f"{where}: must be a mapping with keys {', '.join(fields)}")
    unknown = [k for k in raw if k not in fields]
    if unknown:
        raise ConfigError(f"{where}: unknown key '{unknown[0]}'.{nearest(unknown[0], fields)} "
                          f"Allowed keys: {', '.join(fields)}")
    return raw


def check_levers(raw_levers: dict[str, Any] | None, raw_schedule: dict[str, Any] | None,
                 where: str, levers: dict[str, Any] | None = None,
                 schedule: dict[str, dict[str, Any]] | None = None
                 ) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """Levers and their schedules as a file sets them, checked against the lever
    declarations, added on top of `levers` and `schedule` (those of included files);
    a schedule only for a lever the file changes."""
    levers, schedule = dict(levers or {}), dict(schedule or {})
    for key, value in (raw_levers or {}).items():
        problem = lookup(key, where).check(value)
        if problem:
            raise ConfigError(f"{where}: policy.{key} = {value!r} {problem}")
        levers[key] = value
    for key, spec in (raw_schedule or {}).items():
        lookup(key, where)
        if key not in levers:
            raise ConfigError(f"{where}: schedule for policy.{key}, which the file does "
                              "not change")
        schedule[key] = check_schedule(spec, f"{where}: schedule of policy.{key}")
    return levers, schedule


def load(path: Path, seen: tuple[str, ...] = ()) -> Scenario:
    """Read and check one scenario file (and the scenarios it includes)."""
    where = _where(path)
    raw = read_file(path, FIELDS, "scenario", where)
    title = raw.get("title") or {}
    missing = [f"title.{lang}" for lang in ("en", "zh") if not title.get(lang)]
    missing += [k for k in ("clauses", "rationale") if not raw.get(k)]
    if missing:
        raise ConfigError(f"{where}: missing {', '.join(missing)}")

    levers: dict[str, Any] = {}
    schedule: dict[str, dict[str, Any]] = {}
    national: dict[str, Any] = {}
    includes = [str(other) for other in raw.get("includes") or []]
    for other in includes:
        if other in seen or other == path.stem:
            raise ConfigError(f"{where}: includes '{other}' in a cycle")
        included = load(path.parent / f"{other}.yaml", (*seen, path.stem))
        levers.update(included.levers)
        schedule.update(included.schedule)
        national.update(included.national)
    national.update(check_national(raw.get("national"), where))
    levers, schedule = check_levers(raw.get("levers"), raw.get("schedule"), where, levers,
                                    schedule)
    return Scenario(name=path.stem, title_en=title["en"], title_zh=title["zh"],
                    clauses=list(raw["clauses"]), rationale=" ".join(str(raw["rationale"]).split()),
                    levers=levers, schedule=schedule, path=path, includes=includes,
                    own_levers=dict(raw.get("levers") or {}), national=national)


def check_schedule(spec: Any, where: str) -> dict[str, Any]:
    """A schedule is {start: '2017Q1', ramp_quarters: N, end: '2018Q1'}: the lever keeps
    its baseline value before `start`, then moves linearly to the target over N quarters
    (N = 0: at once), and is back at its baseline from `end` on (optional: a programme
    that runs for a declared period)."""
    if not isinstance(spec, dict) or set(spec) - {"start", "ramp_quarters", "end"}:
        raise ConfigError(f"{where}: must be {{start: YYYYQn, ramp_quarters: N, end: YYYYQn}} "
                          f"(end optional), got {spec!r}")
    start = str(spec.get("start", ""))
    if not QUARTER.match(start):
        raise ConfigError(f"{where}: start = {start!r} must read like 2017Q1")
    ramp = spec.get("ramp_quarters", 0)
    if isinstance(ramp, bool) or not isinstance(ramp, int) or ramp < 0:
        raise ConfigError(f"{where}: ramp_quarters = {ramp!r} must be a whole number >= 0")
    out = {"start": start, "ramp_quarters": ramp}
    if spec.get("end") is not None:
        end = str(spec["end"])
        if not QUARTER.match(end) or quarter_index(end) <= quarter_index(start):
            raise ConfigError(f"{where}: end = {end!r} must read like 2018Q1 and come after "
                              f"start ({start})")
        out["end"] = end
    return out


def names(directory: Path = SCENARIO_DIR) -> list[str]:
    """The scenarios of `directory` (their file names), without reading them."""
    return sorted(path.stem for path in directory.glob("*.yaml"))


def catalogue(directory: Path = SCENARIO_DIR) -> dict[str, Scenario | ConfigError]:
    """Every scenario file of `directory`, loaded, or the error that rejects it."""
    out: dict[str, Scenario | ConfigError] = {}
    for path in sorted(directory.glob("*.yaml")):
        try:
            out[path.stem] = load(path)
        except ConfigError as e:
            out[path.stem] = e
    return out


def register(store: ConfigStore, directory: Path = SCENARIO_DIR) -> None:
    """Register each scenario as the Hydra option `scenario=NAME`. A file that fails its
    checks is registered with its error, which stops any run that selects it."""
    for name, scenario in catalogue(directory).items():
        if isinstance(scenario, ConfigError):
            node = {"scenario": {"name": name, "invalid": str(scenario)}}
        else:
            node = scenario.node()
        store.store(group="scenario", name=name, node=node, package="_global_")


def describe() -> str:
    """The catalogue as text: titles, clauses and the levers each scenario changes."""
    lines = []
    for name, s in catalogue().items():
        if isinstance(s, ConfigError):
            lines += [f"{name}: INVALID: {s}", ""]
            continue
        lines.append(f"{name}: {s.title_en} / {s.title_zh}  [{', '.join(s.clauses)}]")
        for key, value in s.levers.items():
            when = s.schedule.get(key)
            timing = (f"  from {when['start']} over {when['ramp_quarters']} quarters"
                      + (f", until {when['end']}" if when.get("end") else "")) if when else ""
            lines.append(f"    policy.{key} = {value}{timing}")
        if s.national:
            lines.append(f"    national: {s.national}")
        lines.append("")
    return "\n".join(lines)
