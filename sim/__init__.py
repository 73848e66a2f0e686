"""An agent-based, stock-flow-consistent model of Guangdong's 2016 plan for new
consumption leading new supply (积极发挥新消费引领作用 加快培育形成新供给新动力).

The package in layers, each importing only from the layers below it:

- `sim.api`, `sim.info`, `python -m sim`: what users type and import;
- `sim.tools`: calibration, moments, benchmark, notebooks;
- `sim.report`: the policy brief and its charts (reads tables, never the model);
- `sim.sweep`: one run and its output files, sweeps and their aggregation;
- `sim.economy`: the model (the quarter in `sim.economy.model`, one economic process
  per module in `sim.economy.processes`, agents, the ledger, the outcome registry);
- `sim.config`: configs, parameters, levers, scenarios and their validation.

The names below are imported on first use, so `import sim` stays light.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "run": "sim.api", "load_sweep": "sim.api", "RunResult": "sim.api", "Sweep": "sim.api",
    "dose_response": "sim.sweep.dose",
    "EconomyModel": "sim.economy.model", "load_config": "sim.config.compose",
    "simulate": "sim.sweep.run", "write_outputs": "sim.sweep.run",
}
__all__ = [*_EXPORTS, "__version__"]


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'sim' has no attribute {name!r}")
