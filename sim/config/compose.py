"""Composing a run config: the Hydra registrations built from the declarations
(parameter groups, `policy=baseline` from the levers, `scenario=NAME` from the
catalogue), composing in-process (tests, notebooks, the API), and the checks a config
must pass before any work starts."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from hydra import compose, initialize_config_dir
from hydra.core.config_store import ConfigStore
from hydra.core.global_hydra import GlobalHydra
from omegaconf import DictConfig, OmegaConf

from sim.config.errors import ConfigError
from sim.config.levers import LEVERS, baseline_policy, check_together, flatten, lookup
from sim.config.national import check_national
from sim.config.parameters import register as register_parameters
from sim.config.paths import CONFIG_DIR
from sim.config.scenarios import SCENARIO_DIR, check_schedule, load, names
from sim.config.scenarios import register as register_scenarios
from sim.config.validation import check_overrides, check_values


def register() -> None:
    """Make the parameter groups (`households=default`, ...), `policy=baseline` (from
    configs/levers.yaml) and `scenario=NAME` (from scenarios/*.yaml) known to Hydra."""
    store = ConfigStore.instance()
    register_parameters(store)
    store.store(group="policy", name="baseline", node=baseline_policy())
    register_scenarios(store)


register()


def load_config(overrides: Sequence[str] = ()) -> DictConfig:
    """Compose configs/config.yaml with Hydra overrides, e.g. ["seed=3", "steps=8"].
    A bad override raises ConfigError (key, value, what is allowed) before composing."""
    overrides = list(overrides)
    check_overrides(overrides, names())
    if GlobalHydra.instance().is_initialized():  # inside a running Hydra application
        return compose(config_name="config", overrides=overrides)
    with initialize_config_dir(config_dir=str(CONFIG_DIR), version_base="1.3"):
        return compose(config_name="config", overrides=overrides)


def schedules(cfg: DictConfig | dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The run's lever schedules, by lever key (without 'policy.')."""
    tree = cfg.get("schedule") or {}
    if isinstance(tree, DictConfig):
        tree = OmegaConf.to_container(tree, resolve=True)
    out: dict[str, dict[str, Any]] = {}

    def walk(node: dict[str, Any], prefix: str) -> None:
        for key, value in node.items():
            if isinstance(value, dict) and "start" not in value:
                walk(value, f"{prefix}{key}.")
            else:
                out[f"{prefix}{key}"] = value

    walk(tree, "")
    return out


def check(cfg: DictConfig) -> None:
    """Reject a config whose scenario file is invalid, whose levers are unknown or out
    of bounds, or whose other values break their declarations (sim.config.parameters),
    naming the key, the value, what is allowed and where it was set."""
    scenario = cfg.get("scenario") or {}
    if scenario.get("invalid"):
        raise ConfigError(scenario["invalid"])
    check_values(cfg)
    name = scenario.get("name", "baseline")
    # Composition has already loaded and checked the scenario file; read its levers again
    # only to say whether a bad value came from the file or from an override.
    try:
        from_file = load(SCENARIO_DIR / f"{name}.yaml").levers
    except ConfigError:
        from_file = {}
    policy = OmegaConf.to_container(cfg.policy, resolve=True)
    for key, value in flatten(policy).items():
        where = (f"scenarios/{name}.yaml" if key in from_file and from_file[key] == value
                 else "an override")
        lever = lookup(key, where)
        problem = lever.check(value)
        if problem:
            raise ConfigError(f"policy.{key} = {value!r} {problem} (set by {where})")
    together = check_together(flatten(policy))
    if together:
        raise ConfigError(together)
    missing = [key for key in LEVERS if key not in flatten(policy)]
    if missing:
        raise ConfigError(f"policy lacks levers {', '.join(missing)}")
    for key, spec in schedules(cfg).items():
        lookup(key, f"schedule of scenario {name}")
        check_schedule(spec, f"schedule of policy.{key}")
    national(cfg)


def override_text(value: Any) -> str:
    """A value as the right-hand side of a Hydra override (true, [a,b], null, 0.06)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return "[" + ",".join(override_text(v) for v in value) + "]"
    return "null" if value is None else str(value)


def national(cfg: DictConfig | dict[str, Any]) -> dict[str, Any]:
    """The run's national inputs from their start quarter (sim.config.national), checked."""
    tree = cfg.get("national") or {}
    if isinstance(tree, DictConfig):
        tree = OmegaConf.to_container(tree, resolve=True)
    return check_national(tree, "national")
