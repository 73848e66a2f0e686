"""The national inputs in force each quarter: the nation's inflation and the People's
Bank's benchmark rates (sim.config.national). They are inputs of the region, never
moved by anything the province does: their declared 2016 values hold until a scenario's
`national.start` quarter, its values from then on (docs/model.md section 8)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any


@dataclass(frozen=True)
class NationalInputs:
    """The national inputs of a quarter, annual rates."""

    inflation: float  # growth of the national price level
    deposit_rate: float  # one-year deposit benchmark
    loan_rate: float  # one-year lending benchmark (firms' overdrafts)


@dataclass(frozen=True)
class NationalPath:
    """The declared 2016 inputs (`before`), and those in force from quarter `start`
    (0 = 2016Q1) on (`after`)."""

    before: NationalInputs
    after: NationalInputs
    start: int

    def at(self, t: int) -> NationalInputs:
        """The inputs in force in quarter `t` (the burn-in's quarters are negative)."""
        return self.after if t >= self.start else self.before

    def price_level(self, t: int) -> float:
        """The national price level in quarter `t`, 2016Q1 = 1: growing at the inflation
        in force (compounded quarter by quarter from `start` on)."""
        if t <= self.start or self.after.inflation == self.before.inflation:
            return (1.0 + self.before.inflation) ** (t / 4.0)
        return ((1.0 + self.before.inflation) ** (self.start / 4.0)
                * (1.0 + self.after.inflation) ** ((t - self.start) / 4.0))


def path(*, before: NationalInputs, moved: dict[str, Any], start: int) -> NationalPath:
    """The path a `national:` block (`moved`, without its start) makes of the declared
    inputs `before`; `start` is its start quarter (0 = 2016Q1, 0 when not given)."""
    after = replace(before, **moved)
    return NationalPath(before=before, after=after, start=max(start, 0) if moved else 0)
