"""How a parameter is declared: once, as a field of its group's dataclass, with its value,
bounds, unit and source (Covasim's rule: the source beside the value).

    mpc_cash: float = parameter(0.05, bounds=(0.0, 1.0), unit="share of cash-on-hand
        above the target buffer, per quarter", source="hand-set: ...")

The dataclasses are the Hydra groups' structured schemas (sim.config.parameters):
OmegaConf checks each value's type when a config is composed, and `check_group`
checks bounds, sums and finiteness against the same declarations. Calibration,
tables of parameters and uncertainty analysis read them too (`declarations`).

`plausible` (a range of the value) or `plausible_factor` (a range of a factor on every
value of a group) is the range the uncertainty analysis varies a behavioural parameter
over: where no study pins a value down, the range says how unsure it is.

`kind` says what a parameter is (EMA Workbench's vocabulary keeps these apart):
`behaviour` (a behavioural parameter: uncertain, fitted or varied in sensitivity
analysis), `data` (an official figure or a structural input), `definition` (how an
outcome is measured) or `numerics` (the model's resolution).
"""

from __future__ import annotations

import copy
import dataclasses
import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

KINDS = ("behaviour", "data", "definition", "numerics")


@dataclass(frozen=True)
class Declaration:
    """What is declared about one parameter besides its value.

    Attributes:
        key: dotted config key, e.g. "households.mpc_cash".
        unit: what the number measures, in words ("share of ...", "yuan per ...").
        source: a paper, survey or official figure, or "hand-set: <reason>".
        bounds: (low, high) the value (each value, for a group of values) must lie in.
        kind: behaviour, data, definition or numerics (see the module docstring).
        sums_to_one: the values of a group (by kind, by category) must add up to 1.
        ordered: a [low, high] pair whose first value may not exceed the second.
        optional: null is allowed and means "derived" (the unit says from what).
        plausible: (low, high) the range the value is believed to lie in, or None.
        plausible_factor: (low, high) a factor on every value of a group, or None.
    """

    key: str
    unit: str
    source: str
    bounds: tuple[float, float]
    kind: str = "behaviour"
    sums_to_one: bool = False
    ordered: bool = False
    optional: bool = False
    plausible: tuple[float, float] | None = None
    plausible_factor: tuple[float, float] | None = None

    def describe_bounds(self) -> str:
        low, high = self.bounds
        return f"[{low:g}, {high:g}]"

    def describe_plausible(self) -> str:
        """The plausible range in words ('' when none is declared)."""
        if self.plausible is not None:
            return f"{self.plausible[0]:g} to {self.plausible[1]:g}"
        if self.plausible_factor is not None:
            low, high = self.plausible_factor
            return f"x {low:g} to x {high:g}"
        return ""


def parameter(value: Any, *, bounds: tuple[float, float], unit: str, source: str,
              kind: str = "behaviour", sums_to_one: bool = False,
              ordered: bool = False, optional: bool = False,
              plausible: tuple[float, float] | None = None,
              plausible_factor: tuple[float, float] | None = None) -> Any:
    """A dataclass field declaring one parameter (or one group of values: by kind, by
    category) with its value, bounds, unit and source."""
    if kind not in KINDS:
        raise ValueError(f"kind {kind!r}: allowed are {', '.join(KINDS)}")
    if not source:
        raise ValueError("every parameter needs a source, or 'hand-set: <reason>'")
    for name, pair in (("plausible", plausible), ("plausible_factor", plausible_factor)):
        if pair is not None and not pair[0] <= pair[1]:
            raise ValueError(f"{name} {pair}: the low end exceeds the high end")
    meta = {"unit": unit, "source": source, "bounds": tuple(bounds), "kind": kind,
            "sums_to_one": sums_to_one, "ordered": ordered, "optional": optional,
            "plausible": tuple(plausible) if plausible is not None else None,
            "plausible_factor": tuple(plausible_factor) if plausible_factor is not None
            else None}
    if dataclasses.is_dataclass(value) or isinstance(value, list | dict):
        return field(default_factory=lambda: copy.deepcopy(value), metadata=meta)
    return field(default=value, metadata=meta)


def declarations(schema: type, prefix: str) -> Iterator[Declaration]:
    """Every parameter declared in `schema` (a group's dataclass), with its key."""
    for f in dataclasses.fields(schema):
        if "unit" in f.metadata:
            meta = {k: v for k, v in f.metadata.items()}
            yield Declaration(key=f"{prefix}.{f.name}", **meta)


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _leaves(value: Any, key: str) -> Iterator[tuple[str, Any]]:
    """(key, number) pairs of a value that may be a group (dataclass or mapping)."""
    if dataclasses.is_dataclass(value):
        value = dataclasses.asdict(value)
    if isinstance(value, dict):
        for name, inner in value.items():
            yield from _leaves(inner, f"{key}.{name}")
    else:
        yield key, value


def problem(declaration: Declaration, value: Any) -> str | None:
    """None if `value` is allowed by `declaration`, else a sentence: the key, the value
    and what is allowed."""
    low, high = declaration.bounds
    if value is None and declaration.optional:
        return None
    if declaration.ordered:
        ok = (isinstance(value, list | tuple) and len(value) == 2 and all(map(_number, value))
              and low <= value[0] <= value[1] <= high)
        return None if ok else (f"{declaration.key} = {value!r} must be [low, high] with "
                                f"{low:g} <= low <= high <= {high:g}")
    leaves = list(_leaves(value, declaration.key))
    for key, number in leaves:
        if not (_number(number) and math.isfinite(number)):
            return f"{key} = {number!r} must be a number in {declaration.describe_bounds()}"
        if not low <= number <= high:
            return (f"{key} = {number!r} is out of bounds: allowed in "
                    f"{declaration.describe_bounds()} ({declaration.unit})")
    if declaration.sums_to_one:
        total = sum(number for _, number in leaves)
        if abs(total - 1.0) > 1e-6:
            listed = ", ".join(f"{k.rsplit('.', 1)[1]}={v:g}" for k, v in leaves)
            return f"{declaration.key} must sum to 1, got {total:.6g} ({listed})"
    return None
