"""Numerical guards: a NaN, an infinity or a stock that must not be negative stops the
run at once, naming the step, the process that produced it and the kind of agent (with
the row), so a bad parameter never turns into silent nonsense."""

from __future__ import annotations

import numpy as np

from sim.economy.agents import FirmTable, HouseholdTable
from sim.economy.constants import CATEGORIES, KINDS
from sim.economy.kernels import first_bad

TOLERANCE = 1e-3  # yuan or units: rounding below this is not a negative stock


class NumericalError(RuntimeError):
    """A value became NaN, infinite or a forbidden negative."""

    def __init__(self, step: int, process: str, agent: str, detail: str) -> None:
        self.step, self.process, self.agent = step, process, agent
        super().__init__(f"numerical guard at step {step}, after {process}: {agent} {detail}")


def _first_bad(values: np.ndarray, non_negative: bool) -> int | None:
    low, high = values.min(), values.max()  # (fast vectorised passes; NaN reaches both)
    if np.isfinite(low) and np.isfinite(high) and (not non_negative or low >= -TOLERANCE):
        return None
    return first_bad(values, non_negative, TOLERANCE)


def check(h: HouseholdTable, f: FirmTable, step: int, process: str, full: bool = False,
          tables: tuple[str, ...] = ()) -> None:
    """Check the money stocks, the household `tables` the process has just written
    ("spending", "trust": checked once a quarter, while they are fresh in the cache),
    and with `full` every other household and firm column."""
    household = [("deposits", h.deposits, True), ("debt", h.debt, True)]
    household += [(name, getattr(h, name), True) for name in tables]
    firm = [("cash", f.cash, False), ("inventory", f.inventory, True)]
    if full:
        household += [("income", h.income, False), ("permanent income", h.permanent_income, False)]
        firm += [("price markup", f.markup, True), ("output", f.output, True),
                 ("quality", f.quality, True)]
    for name, values, non_negative in household:
        row = _first_bad(values, non_negative)
        if row is not None:
            value = values[row] if values.ndim == 1 else dict(zip(CATEGORIES, values[row],
                                                                  strict=True))
            raise NumericalError(step, process, f"{KINDS[h.kind[row]]} household {row}",
                                 f"has {name} = {value}")
    for name, values, non_negative in firm:
        row = _first_bad(values, non_negative)
        if row is not None:
            raise NumericalError(step, process, f"firm {row} ({CATEGORIES[f.category[row]]})",
                                 f"has {name} = {values[row]}")
