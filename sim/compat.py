"""What the package takes from its libraries' private parts, in one place, so that an
upgrade that moves them breaks here and nowhere else.

- Mesa 3.3.1 keeps every model ever built alive through the class attribute
  `mesa.Agent._ids` (fixed upstream after 3.3.1): `forget_model` and
  `forget_all_models` let finished models be garbage-collected.
- Hydra 1.3 has no public name for its basic sweeper (which the project's sweeper
  extends), for the folder name a job's overrides give, or for the joblib launcher's
  job runner (which the project's launcher calls).
- glibc's `mallopt`, reached through ctypes (sim.economy.memory says why).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys

import mesa
from hydra._internal.config_loader_impl import get_overrides_dirname
from hydra._internal.core_plugins.basic_sweeper import BasicSweeper, BasicSweeperConf
from hydra_plugins.hydra_joblib_launcher._core import execute_job, process_joblib_cfg

__all__ = ["BasicSweeper", "BasicSweeperConf", "execute_job", "forget_all_models",
           "forget_model", "get_overrides_dirname", "mallopt", "process_joblib_cfg"]


def forget_model(model: mesa.Model) -> None:
    """Let a finished Mesa model be garbage-collected."""
    mesa.Agent._ids.pop(model, None)


def forget_all_models() -> None:
    """Let every Mesa model built so far be garbage-collected."""
    mesa.Agent._ids.clear()


def mallopt(option: int, value: int) -> bool:
    """glibc's mallopt(option, value); False where the C library has none (not Linux,
    musl) or refuses the setting."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        return bool(libc.mallopt(option, value))
    except (OSError, AttributeError):
        return False
