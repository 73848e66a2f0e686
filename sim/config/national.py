"""National inputs a scenario may change: the path of the nation's inflation and of the
People's Bank's benchmark rates (issue: the regional closure, item 5).

Guangdong is a region of a monetary union: the People's Bank sets the benchmark rates
for the whole union and the nation's price level anchors the province's, so these are
inputs, never rules of the province (docs/model.md section 8). Their 2016 values are
declared parameters (`china.inflation`, `economy.deposit_rate`, `bank.firm_loan_rate`);
a scenario's `national:` block (or the `national` section of the config) moves them from
a quarter on, for example a rate cut in 2019:

    national:
      start: 2019Q1          # from this quarter on (2016Q1 if left out)
      loan_rate: 0.04        # bank.firm_loan_rate, annual
      deposit_rate: 0.01     # economy.deposit_rate, annual

The burn-in and the quarters before `start` keep the declared values, so every scenario
of a seed shares its burnt-in economy and its shocks. Each value is checked against the
declaration of the parameter it moves (bounds and type).
"""

from __future__ import annotations

from typing import Any

from sim.config.declare import problem
from sim.config.errors import ConfigError, nearest
from sim.config.parameters import declaration_of
from sim.config.quarters import QUARTER

INPUTS = {
    "inflation": "china.inflation",
    "deposit_rate": "economy.deposit_rate",
    "loan_rate": "bank.firm_loan_rate",
}
"""The national inputs a scenario may move, by their name in a `national:` block, with
the parameter that holds their 2016 value."""

KEYS = ("start", *INPUTS)


def check_national(spec: Any, where: str) -> dict[str, Any]:
    """A `national:` block checked: known keys only, `start` a quarter like 2019Q1, each
    value allowed by its parameter's declaration. Returns it as a plain dict of the
    inputs moved (null values are not moved; {} for none)."""
    if spec is None:
        return {}
    if not isinstance(spec, dict):
        raise ConfigError(f"{where}: national must be a mapping with keys "
                          f"{', '.join(KEYS)}, got {spec!r}")
    out: dict[str, Any] = {}
    for key, value in spec.items():
        if value is None and key in KEYS:
            continue  # (not moved)
        if key not in KEYS:
            raise ConfigError(f"{where}: national.{key} is not a national input."
                              f"{nearest(str(key), KEYS)} Allowed keys: {', '.join(KEYS)}")
        if key == "start":
            if not QUARTER.match(str(value)):
                raise ConfigError(f"{where}: national.start = {value!r} must read like 2019Q1")
            out[key] = str(value)
            continue
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ConfigError(f"{where}: national.{key} = {value!r} must be a number "
                              f"(an annual rate, as {INPUTS[key]})")
        why = problem(declaration_of(INPUTS[key]), float(value))
        if why:
            raise ConfigError(f"{where}: national.{key} ({INPUTS[key]}): {why}")
        out[key] = float(value)
    return out
