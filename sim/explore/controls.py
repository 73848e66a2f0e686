"""What the explorer's controls compute, apart from the page: the levers a scenario
sets, the config a choice of levers gives (with the command line's checks), and the
model the economy view steps."""

from __future__ import annotations

import copy
import functools
import math
from collections.abc import Mapping
from typing import Any

from omegaconf import OmegaConf

from sim.config.compose import check, load_config
from sim.config.errors import ConfigError
from sim.config.levers import LEVERS, Lever, flatten
from sim.config.scenarios import catalogue
from sim.economy.model import EconomyModel

DEFAULT_HOUSEHOLDS = 4_000
"""Household agents in the explorer by default: a quarter takes a few hundredths of a
second and the economy (with its burn-in) a few seconds to build."""
MAX_HOUSEHOLDS = 50_000

WORDS = {
    "en": {"title": "Guangdong new consumption: explorer", "economy": "Economy",
           "results": "Results", "scenario": "Scenario", "households": "Household agents",
           "seed": "Seed", "levers": "Levers", "apply": "Build the economy",
           "reset_levers": "Levers back to the scenario's", "run_to_end": "Run to the end",
           "quarter": "Quarter", "bounds": "bounds", "plan": "plan", "sweep": "Sweep folder",
           "sweep_path": "or a sweep folder's path",
           "outcome": "Outcome", "kind": "Household kind", "decile": "Income decile",
           "all": "all", "no_sweeps": "No sweep found under results/sweeps: run `make run` "
           "or a sweep of your own first.", "language": "中文", "building": "Building the "
           "economy (burn-in 2013-2015)…", "running": "Running", "changed": "changed from "
           "the scenario", "valid": "Build the economy (or Reset) to run this choice.",
           "scenarios": "Scenarios", "seeds": "paired seeds"},
    "zh": {"title": "广东新消费政策模拟：交互探索", "economy": "经济运行", "results": "模拟结果",
           "scenario": "情景", "households": "住户主体数", "seed": "随机种子", "levers": "政策杠杆",
           "apply": "构建经济", "reset_levers": "杠杆恢复为情景设定", "run_to_end": "运行到期末",
           "quarter": "季度", "bounds": "取值范围", "plan": "方案条款", "sweep": "模拟批次目录",
           "sweep_path": "或输入模拟批次目录的路径",
           "outcome": "指标", "kind": "住户类型", "decile": "收入十分位", "all": "全部",
           "no_sweeps": "results/sweeps 下没有模拟批次：请先运行 `make run` 或自己的批次。",
           "language": "English", "building": "正在构建经济（2013-2015年预热）…",
           "running": "运行中", "changed": "已改动",
           "valid": "按“构建经济”（或 Reset）运行这一设定。",
           "scenarios": "情景", "seeds": "配对种子"},
}


def word(key: str, lang: str) -> str:
    """A word of the page in `lang` (en, zh)."""
    return WORDS[lang][key]


def scenario_names() -> list[str]:
    """The scenarios in the catalogue that load (the baseline first)."""
    names = [n for n, s in catalogue().items() if not isinstance(s, ConfigError)]
    return ["baseline", *sorted(n for n in names if n != "baseline")]


def scenario_title(name: str, lang: str) -> str:
    """A scenario's title in `lang` (its name if the catalogue has none)."""
    s = catalogue().get(name)
    if s is None or isinstance(s, ConfigError):
        return name
    return s.title_zh if lang == "zh" else s.title_en


def scenario_levers(scenario: str) -> dict[str, Any]:
    """Every lever's value in `scenario` (its target, after any schedule), by key (a new
    dict each call: the page edits it)."""
    return copy.deepcopy(_scenario_levers(scenario))


@functools.lru_cache(maxsize=64)
def _scenario_levers(scenario: str) -> dict[str, Any]:
    # composing a config takes a tenth of a second; the page asks on every redraw
    cfg = load_config([f"scenario={scenario}"])
    return flatten(OmegaConf.to_container(cfg.policy, resolve=True))


def lever_caption(lever: Lever, lang: str) -> str:
    """What a lever's control says under it: unit, bounds or choices, plan clauses."""
    if lever.numeric:
        span = f"{word('bounds', lang)} [{lever.lower:,.6g}, {lever.upper:,.6g}]"
    else:
        span = ", ".join(lever.allowed or lever.one_of or ())
    return f"{lever.unit} · {span} · {word('plan', lang)} {' '.join(lever.clauses)}"


def lever_label(lever: Lever, lang: str) -> str:
    return lever.label_zh if lang == "zh" else lever.label_en


SLIDER_STEP = 0.005
"""The step of a lever's slider: shares and rates move by half a point."""


def has_slider(lever: Lever) -> bool:
    """Whether a numeric lever gets a slider (a share or rate from 0, a range of at most
    5) rather than a number field (yuan, weeks: a slider's grid would move its value)."""
    return lever.numeric and lever.lower == 0.0 and lever.upper <= 5.0


def same(a: Any, b: Any) -> bool:
    """Whether two lever values are the same (numbers within rounding)."""
    if isinstance(a, int | float) and isinstance(b, int | float):
        return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-12)
    return list(a) == list(b) if isinstance(a, list | tuple) else a == b


def changed_levers(scenario: str, levers: Mapping[str, Any]) -> dict[str, Any]:
    """The levers in `levers` whose values differ from the scenario's."""
    own = scenario_levers(scenario)
    return {k: v for k, v in levers.items() if k in LEVERS and not same(own.get(k), v)}


def overrides(scenario: str, households: Any, seed: Any,
              levers: Mapping[str, Any]) -> list[str]:
    """The Hydra overrides for this choice: the scenario, its size and seed, and the
    levers moved away from the scenario's values."""
    out = [f"scenario={scenario}", f"population.households={households}", f"seed={seed}"]
    for key, value in changed_levers(scenario, levers).items():
        out.append(f"policy.{key}={_hydra_value(value)}")
    return out


def _hydra_value(value: Any) -> str:
    if isinstance(value, list | tuple):
        return "[" + ",".join(str(v) for v in value) + "]"
    return f"{value!r}" if isinstance(value, float) else str(value)


def problem(scenario: str, households: Any, seed: Any,
            levers: Mapping[str, Any]) -> str | None:
    """None if this choice builds an economy, else the message the command line gives
    for it (the key, the value and what is allowed)."""
    try:
        if not isinstance(households, int) or isinstance(households, bool) \
                or households > MAX_HOUSEHOLDS:
            raise ConfigError(f"population.households = {households!r}: the explorer "
                              f"takes a whole number up to {MAX_HOUSEHOLDS:,} (use the "
                              "command line for larger runs)")
        check(load_config(overrides(scenario, households, seed, levers)))
    except ConfigError as error:
        return str(error)
    except Exception as error:  # Hydra's own parse errors name the override
        return f"{type(error).__name__}: {error}"
    return None


class ExplorerModel(EconomyModel):
    """The economy the explorer steps: EconomyModel built from the explorer's choice
    (Mesa's SolaraViz rebuilds a model from keyword arguments)."""

    def __init__(self, scenario: str = "baseline", households: int = DEFAULT_HOUSEHOLDS,
                 seed: int = 0, levers: Mapping[str, Any] | None = None) -> None:
        super().__init__(load_config(overrides(scenario, households, seed, levers or {})))
