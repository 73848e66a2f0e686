"""Checks of every config value against configs/schema.yaml (types, bounds, shares that
must sum to one) and of command-line overrides, before any work starts. Levers are
checked against their declarations (sim.levers) by sim.config.check."""

from __future__ import annotations

import fnmatch
import math
import re
from collections import defaultdict
from typing import Any

from omegaconf import DictConfig, OmegaConf

from sim.config.errors import ConfigError, nearest
from sim.config.levers import LEVERS, flatten
from sim.config.paths import CONFIG_DIR

SCHEMA: dict[str, dict[str, Any]] = OmegaConf.to_container(
    OmegaConf.load(CONFIG_DIR / "schema.yaml"))
SECTIONS_CHECKED_ELSEWHERE = ("policy", "schedule", "scenario", "calibration_info", "hydra")
QUARTER = re.compile(r"^\d{4}Q[1-4]$")


def rule_for(key: str) -> tuple[str, dict[str, Any]] | None:
    """The schema entry (pattern, rule) that governs `key`, or None."""
    if key in SCHEMA:
        return key, SCHEMA[key]
    depth = key.count(".")
    for pattern, rule in SCHEMA.items():
        if "*" in pattern and pattern.count(".") == depth and fnmatch.fnmatchcase(key, pattern):
            return pattern, rule
    return None


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def problem_with(rule: dict[str, Any], value: Any) -> str | None:
    """None if `value` satisfies `rule`, else what is allowed."""
    kind, low, high = rule["type"], rule.get("min"), rule.get("max")
    bounds = f" in [{low:g}, {high:g}]" if low is not None else ""
    if kind == "bool":
        return None if isinstance(value, bool) else "must be true or false"
    if kind == "str":
        return None if isinstance(value, str) else "must be text"
    if kind == "quarter":
        return None if isinstance(value, str) and QUARTER.match(value) else \
            "must be a quarter like 2016Q1"
    if kind == "range":
        ok = (isinstance(value, list | tuple) and len(value) == 2 and all(map(_number, value))
              and low <= value[0] <= value[1] <= high)
        return None if ok else f"must be [low, high] with {low:g} <= low <= high <= {high:g}"
    if kind == "int" and not (isinstance(value, int) and not isinstance(value, bool)):
        return f"must be a whole number{bounds}"
    if kind == "float" and not (_number(value) and math.isfinite(value)):
        return f"must be a number{bounds}"
    if low is not None and not low <= value <= high:
        return f"is out of bounds: allowed{bounds}"
    return None


def check_values(cfg: DictConfig) -> None:
    """Raise ConfigError for the first value that breaks the schema, naming the key,
    the value and what is allowed (with the nearest valid key for an unknown one)."""
    plain = OmegaConf.to_container(cfg, resolve=True)
    leaves = flatten({k: v for k, v in plain.items() if k not in SECTIONS_CHECKED_ELSEWHERE})
    groups: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for key, value in leaves.items():
        found = rule_for(key)
        if found is None:
            known = sorted({k for k in leaves if rule_for(k)} | set(SCHEMA))
            raise ConfigError(f"unknown config key '{key}'.{nearest(key, known)}")
        pattern, rule = found
        problem = problem_with(rule, value)
        if problem:
            raise ConfigError(f"{key} = {value!r} {problem}")
        if rule.get("sums_to_one"):
            groups[pattern].append((key, value))
    for pattern, items in groups.items():
        total = sum(v for _, v in items)
        if abs(total - 1.0) > 1e-6:
            listed = ", ".join(f"{k.rsplit('.', 1)[1]}={v:g}" for k, v in items)
            raise ConfigError(f"{pattern.rsplit('.', 1)[0]} must sum to 1, got {total:.6g} "
                              f"({listed})")


def known_keys(cfg: DictConfig) -> list[str]:
    """Every config key a user may set (for suggestions)."""
    plain = OmegaConf.to_container(cfg, resolve=False)
    plain = {k: v for k, v in plain.items() if k not in ("hydra", "scenario", "calibration_info")}
    return [*flatten(plain), *(lever.path for lever in LEVERS.values())]
