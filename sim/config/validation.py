"""Every value checked before any work starts, with a message that names the key, the
value and what is allowed (and the nearest valid name for an unknown one).

Two moments: `check_overrides` reads command-line (or API) overrides before Hydra
composes anything, so a mistyped value never reaches a schema's type check as a
traceback; `check_values` checks a composed config: run settings, every parameter
against its declaration (sim.config.parameters), and keys nobody declared. Levers are
checked against their declarations (sim.config.levers) by sim.config.compose.check.
"""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Iterable, Sequence
from functools import cache
from typing import Any

from omegaconf import DictConfig, OmegaConf

from sim.config.declare import problem
from sim.config.errors import ConfigError, nearest
from sim.config.levers import LEVERS, flatten
from sim.config.national import check_national
from sim.config.parameters import DECLARATIONS, GROUPS, declaration_of
from sim.config.paths import CONFIG_DIR
from sim.config.quarters import QUARTER


@dataclasses.dataclass(frozen=True)
class Setting:
    """A setting of the run (not a parameter of the economy): its type and bounds."""

    kind: str  # int, bool, str or quarter
    bounds: tuple[int, int] | None = None

    def problem(self, key: str, value: Any) -> str | None:
        if self.kind == "bool":
            return None if isinstance(value, bool) else f"{key} = {value!r} must be true or false"
        if self.kind == "str":
            return None if isinstance(value, str) else f"{key} = {value!r} must be text"
        if self.kind == "quarter":
            ok = isinstance(value, str) and QUARTER.match(value)
            return None if ok else f"{key} = {value!r} must be a quarter like 2016Q1"
        low, high = self.bounds
        if not (isinstance(value, int) and not isinstance(value, bool)):
            return f"{key} = {value!r} must be a whole number in [{low}, {high}]"
        if not low <= value <= high:
            return f"{key} = {value!r} is out of bounds: allowed in [{low}, {high}]"
        return None


RUN_SETTINGS: dict[str, Setting] = {
    "seed": Setting("int", (0, 2**32 - 1)),
    "steps": Setting("int", (1, 400)),  # quarters
    "start": Setting("quarter"),
    "progress": Setting("bool"),
    "write_households": Setting("bool"),
    "sweep": Setting("str"),
}
"""The run's own settings, kept in configs/config.yaml."""

SECTIONS_CHECKED_ELSEWHERE = ("policy", "schedule", "national", "scenario", "calibration_info",
                              "hydra")


@cache
def parameter_keys() -> tuple[str, ...]:
    """Every parameter key a user may set, down to single values
    ("households.mpc_permanent.urban")."""
    keys: list[str] = []
    for group, schema in GROUPS.items():
        keys += flatten({group: OmegaConf.to_container(OmegaConf.structured(schema))})
    return tuple(keys)


def known_keys() -> list[str]:
    """Every config key a user may set (for suggestions)."""
    return [*RUN_SETTINGS, *parameter_keys(), *(lever.path for lever in LEVERS.values())]


def _field_type(key: str) -> Any:
    """The declared Python type of the parameter `key` (float, int, list)."""
    group, *path = key.split(".")
    node: Any = GROUPS[group]
    for name in path:
        hints = typing.get_type_hints(node)
        node = hints[name]
    return node


def _type_problem(key: str, value: Any) -> str | None:
    """A value whose type the schema would refuse when the config is composed."""
    kind = _field_type(key)
    declaration = declaration_of(key)
    allowed = declaration.describe_bounds() if declaration else ""
    number = isinstance(value, int | float) and not isinstance(value, bool)
    if kind is int and not (number and float(value).is_integer()):
        return f"{key} = {value!r} must be a whole number in {allowed}"
    if kind is float and not number:
        return f"{key} = {value!r} must be a number in {allowed}"
    if dataclasses.is_dataclass(kind) and not isinstance(value, dict):
        fields = ", ".join(f.name for f in dataclasses.fields(kind))
        return f"{key} = {value!r} must set {fields} (or give {key}.<name>=value)"
    return None


def check_parameter(key: str, value: Any) -> None:
    """Raise ConfigError unless `value` is allowed for the parameter `key` (a whole
    parameter, or one value of a group: the group's sum is checked once composed)."""
    why = _type_problem(key, value)
    if why is None:
        declaration = declaration_of(key)
        if declaration.key != key:
            declaration = dataclasses.replace(declaration, key=key, sums_to_one=False)
        why = problem(declaration, value)
    if why:
        raise ConfigError(why)


def _options(group: str) -> list[str]:
    """The options of a config group: the schema's `default` and YAML files."""
    files = sorted(p.stem for p in (CONFIG_DIR / group).glob("*.yaml"))
    return (["default"] if group in GROUPS else []) + files


def _values(override: Any) -> list[Any]:
    """The value of an override, or each value of a sweep over it (none for a glob,
    which only the sweep can expand)."""
    from hydra.core.override_parser.types import Glob

    if isinstance(override.value(), Glob):
        return []
    if override.is_sweep_override():
        return list(override.sweep_iterator())
    return [override.value()]


MOVED_KEYS: dict[str, str] = {
    "firms.overdraft_limit": "a firm's credit line is now what the bank lends against its "
    "capital and inventory, at most bank.firm_leverage_limit times its net worth; set "
    "bank.firm_leverage_limit instead (0 allows no overdraft)",
    "government.rural_infrastructure": "rural logistics investment is a lever now: set "
    "policy.rural_logistics.investment (yuan per quarter at 2016 wages)",
    "bank.instalment_rate_elasticity": "one elasticity now governs instalments and the use "
    "of the credit line as a buffer: set bank.credit_rate_elasticity",
}
"""Config keys of an earlier release that have moved, with the message that says where."""


def check_overrides(overrides: Sequence[str], scenarios: Iterable[str] = ()) -> None:
    """Raise ConfigError for the first override whose key is unknown or whose value is
    not allowed, before Hydra composes the config. `scenarios`: the names `scenario=`
    may take (not checked if empty)."""
    from hydra.core.override_parser.overrides_parser import OverridesParser
    from hydra.errors import OverrideParseException

    try:
        parsed = OverridesParser.create().parse_overrides(list(overrides))
    except OverrideParseException as e:
        raise ConfigError(f"cannot read the override: {e}") from None
    names = sorted(scenarios)
    keys = None
    for override in parsed:
        key = override.key_or_group
        if key.startswith("hydra") or override.is_delete():
            continue
        if key == "scenario":
            for name in _values(override) if names else []:
                if name not in names:
                    raise ConfigError(f"scenario = {name!r} is not a scenario file in "
                                      f"scenarios/.{nearest(str(name), names)} Scenarios: "
                                      f"{', '.join(names)}")
            continue
        if key in ("calibration", "policy") or key in GROUPS:
            options = _options(key) if key != "policy" else ["baseline"]
            for option in _values(override):
                if option not in options:
                    raise ConfigError(f"{key} = {option!r} is not an option of the config "
                                      f"group {key}.{nearest(str(option), options)} Options: "
                                      f"{', '.join(options)}")
            continue
        head = key.split(".", 1)[0]
        if key.startswith("policy."):
            lever = LEVERS.get(key[len("policy."):])
            if lever is not None:
                for value in _values(override):
                    why = lever.check(value)
                    if why:
                        raise ConfigError(f"{key} = {value!r} {why} (set by an override)")
                continue
        elif key in RUN_SETTINGS:
            for value in _values(override):
                why = RUN_SETTINGS[key].problem(key, value)
                if why:
                    raise ConfigError(why)
            continue
        elif head in GROUPS and key in _settable(parameter_keys()):
            for value in _values(override):
                check_parameter(key, value)
            continue
        elif head == "national":
            for value in _values(override):
                check_national({key.partition(".")[2]: value} if "." in key else value,
                               "an override")
            continue
        elif head == "schedule":
            continue  # checked with the composed config (sim.config.compose.check)
        if key in MOVED_KEYS:
            raise ConfigError(f"config key '{key}' has moved: {MOVED_KEYS[key]}")
        keys = keys if keys is not None else known_keys()
        raise ConfigError(f"unknown config key '{key}'.{nearest(key, keys)}")


@cache
def _settable(leaves: tuple[str, ...]) -> frozenset[str]:
    """Leaf keys and every key above them (a whole group of values may be set at once)."""
    out = set(leaves)
    for leaf in leaves:
        parts = leaf.split(".")
        out |= {".".join(parts[:i]) for i in range(2, len(parts))}
    return frozenset(out)


def check_values(cfg: DictConfig) -> None:
    """Raise ConfigError for the first value of a composed config that breaks its
    declaration: run settings, every parameter (bounds, finite, sums to one, ordered
    pairs), and keys that nobody declared."""
    plain = OmegaConf.to_container(cfg, resolve=True)
    for key, setting in RUN_SETTINGS.items():
        if key in plain:
            why = setting.problem(key, plain[key])
            if why:
                raise ConfigError(why)
    for key in plain:
        if key not in (*RUN_SETTINGS, *GROUPS, *SECTIONS_CHECKED_ELSEWHERE):
            raise ConfigError(f"unknown config key '{key}'.{nearest(key, known_keys())}")
    for key, declaration in DECLARATIONS.items():
        value = OmegaConf.select(cfg, key)
        if OmegaConf.is_config(value):
            value = OmegaConf.to_container(value, resolve=True)
        why = problem(declaration, value)
        if why:
            raise ConfigError(why)
    tax, spending = (OmegaConf.select(cfg, f"government.{k}") for k in
                     ("tax_financing", "spending_financing"))
    if tax is not None and spending is not None and tax + spending > 1.0 + 1e-12:
        raise ConfigError(
            f"government.tax_financing = {tax:g} and government.spending_financing = "
            f"{spending:g} add up to {tax + spending:g}: the shares of a deficit's excess "
            "that a tax rise and spending cuts close may add up to at most 1")
