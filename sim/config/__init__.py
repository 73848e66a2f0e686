"""Configs: the Hydra config and its groups, the behavioural parameters with their
units, bounds and sources, the policy levers, the scenario catalogue, and the checks
every value passes before any work starts."""

from sim.config.compose import check, load_config
from sim.config.errors import ConfigError
from sim.config.paths import CONFIG_DIR, DATA_DIR, PROJECT_ROOT, SCENARIO_DIR

__all__ = ["CONFIG_DIR", "DATA_DIR", "PROJECT_ROOT", "SCENARIO_DIR", "ConfigError", "check",
           "load_config"]
