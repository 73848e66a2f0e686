"""The policy levers, declared once in configs/levers.yaml (PolicyEngine and OpenFisca
declare parameters the same way: unit, bounds, value, label and legal reference).

`LEVERS` maps each lever's key under `policy` (e.g. "credit.interest_rate") to its
declaration; `baseline_policy()` is the nested `policy` config at 2016 values, which
`sim.config` registers as the Hydra option `policy=baseline`. `Levers` is the levers in
force in a quarter, a frozen dataclass tree built from the same declarations (one class
per group: `levers.credit.interest_rate`); `levers_of(values)` builds one.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, make_dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from omegaconf import OmegaConf

from sim.config.errors import ConfigError, nearest
from sim.config.paths import CONFIG_DIR

DECLARATIONS = CONFIG_DIR / "levers.yaml"
REQUIRED = ("label", "unit", "baseline", "clauses", "channel", "source")


@dataclass(frozen=True)
class Lever:
    """One policy lever: `key` under `policy`, unit, bounds or allowed values,
    2016 baseline, labels, plan clauses, channel and the source of the baseline."""

    key: str
    label_en: str
    label_zh: str
    unit: str
    baseline: Any
    clauses: tuple[str, ...]
    channel: str
    source: str
    lower: float | None = None
    upper: float | None = None
    allowed: tuple[str, ...] | None = None
    one_of: tuple[str, ...] | None = None
    fiscal: bool = False  # spends public money directly (subsidies, public services)

    @property
    def numeric(self) -> bool:
        """Whether the lever takes a number (not a list of names or one name)."""
        return self.allowed is None and self.one_of is None

    @property
    def path(self) -> str:
        """Full config path, e.g. 'policy.credit.interest_rate'."""
        return f"policy.{self.key}"

    def allows(self) -> str:
        """What values are allowed, in words."""
        if self.allowed is not None:
            return f"a list drawn from {', '.join(self.allowed)}"
        if self.one_of is not None:
            return f"one of {', '.join(self.one_of)}"
        return f"a number in [{self.lower:g}, {self.upper:g}] ({self.unit})"

    def check(self, value: Any) -> str | None:
        """None if `value` is allowed, else a sentence saying why not."""
        if self.allowed is not None:
            if not isinstance(value, list | tuple) or not value:
                return f"must be a non-empty list; allowed: {self.allows()}"
            bad = [v for v in value if v not in self.allowed]
            if bad:
                return f"has unknown names {bad}; allowed: {self.allows()}"
            return None
        if self.one_of is not None:
            return None if value in self.one_of else f"is not allowed; allowed: {self.allows()}"
        if isinstance(value, bool) or not isinstance(value, int | float):
            return f"must be a number; allowed: {self.allows()}"
        if not self.lower <= float(value) <= self.upper:
            return f"is out of bounds; allowed: {self.allows()}"
        return None


def _declare(key: str, spec: dict[str, Any]) -> Lever:
    unknown = set(spec) - {*REQUIRED, "bounds", "allowed", "one_of", "fiscal"}
    unknown |= set(spec.get("label") or {}) - {"en", "zh"}
    if unknown:
        raise ConfigError(f"{DECLARATIONS.name}: lever '{key}' has unknown fields "
                          f"{sorted(unknown)}")
    missing = [f for f in REQUIRED if f not in spec]
    if not {"bounds", "allowed", "one_of"} & set(spec):
        missing.append("bounds")
    label = spec.get("label") or {}
    missing += [f"label.{lang}" for lang in ("en", "zh") if not label.get(lang)]
    if missing:
        raise ConfigError(f"{DECLARATIONS.name}: lever '{key}' lacks {', '.join(missing)}")
    lower, upper = spec.get("bounds", (None, None))
    allowed = tuple(spec["allowed"]) if "allowed" in spec else None
    one_of = tuple(spec["one_of"]) if "one_of" in spec else None
    lever = Lever(key=key, label_en=label["en"], label_zh=label["zh"], unit=spec["unit"],
                  baseline=spec["baseline"], clauses=tuple(spec["clauses"]),
                  channel=spec["channel"], source=spec["source"],
                  lower=None if lower is None else float(lower),
                  upper=None if upper is None else float(upper), allowed=allowed,
                  one_of=one_of,
                  fiscal=bool(spec.get("fiscal", False)))
    problem = lever.check(lever.baseline)
    if problem:
        raise ConfigError(f"{DECLARATIONS.name}: baseline of '{key}' ({lever.baseline!r}) "
                          f"{problem}")
    return lever


def load(path: Path = DECLARATIONS) -> dict[str, Lever]:
    """Read and check the lever declarations."""
    raw = OmegaConf.to_container(OmegaConf.load(path))
    return {key: _declare(key, spec) for key, spec in raw.items()}


LEVERS: dict[str, Lever] = load()


def lookup(key: str, where: str) -> Lever:
    """The lever with `key` (without 'policy.'), or a ConfigError naming `where`."""
    if key not in LEVERS:
        raise ConfigError(f"{where}: unknown lever 'policy.{key}'."
                          f"{nearest(key, LEVERS)} Levers: see configs/levers.yaml")
    return LEVERS[key]


def check_together(policy: dict[str, Any]) -> str | None:
    """None if the levers (flat keys without 'policy.') fit together, else a sentence
    naming both keys: a coupon's threshold is at least its face value, and coupons
    apply to categories (green labels are a rebate's target, set on products)."""
    design = policy.get("subsidy.design")
    face, threshold = policy.get("subsidy.coupon_face_value"), policy.get(
        "subsidy.coupon_threshold")
    if face is not None and threshold is not None and threshold < face:
        return (f"policy.subsidy.coupon_threshold = {threshold:g} is below "
                f"policy.subsidy.coupon_face_value = {face:g}: a coupon takes its face value "
                "off a purchase of at least its threshold, so the threshold is at least the "
                "face value")
    if design == "coupon" and "green" in (policy.get("subsidy.categories") or []):
        return ("policy.subsidy.categories includes green with policy.subsidy.design = "
                "coupon: coupons apply to categories; green labels are the target of a "
                "rebate (policy.subsidy.design = rebate)")
    return None


def nest(flat: dict[str, Any]) -> dict[str, Any]:
    """{'a.b': 1} -> {'a': {'b': 1}}."""
    out: dict[str, Any] = {}
    for key, value in flat.items():
        node = out
        *parents, leaf = key.split(".")
        for p in parents:
            node = node.setdefault(p, {})
        node[leaf] = value
    return out


def flatten(tree: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """{'a': {'b': 1}} -> {'a.b': 1}."""
    out: dict[str, Any] = {}
    for key, value in tree.items():
        if isinstance(value, dict):
            out.update(flatten(value, f"{prefix}{key}."))
        else:
            out[f"{prefix}{key}"] = value
    return out


def baseline_policy() -> dict[str, Any]:
    """The nested `policy` config at 2016 values."""
    return nest({key: lever.baseline for key, lever in LEVERS.items()})


# ------------------------------------------------------------------ typed levers
# The levers in force in a quarter: a frozen dataclass per group of configs/levers.yaml
# ("credit", "credit.access", ...), made from the declarations, so that a lever is
# declared once and read as `levers.credit.interest_rate`. A number lever is a float, a
# choice of one name a str, a list of names a tuple of str.


def _value_type(lever: Lever) -> type:
    if lever.allowed is not None:
        return tuple[str, ...]
    return str if lever.one_of is not None else float


def _class_name(group: str) -> str:
    return "".join(part.title() for part in group.replace(".", "_").split("_")) + "Levers"


def _group_class(group: str, tree: dict[str, Any]) -> type:
    """The frozen dataclass of the levers under `group` ('' for all of them), its
    subgroups made first; its docstring names each lever with its unit."""
    fields_, lines = [], []
    for name, node in tree.items():
        key = f"{group}.{name}" if group else name
        if isinstance(node, Lever):
            fields_.append((name, _value_type(node), field(metadata={"lever": node})))
            lines.append(f"    {name}: {node.label_en} ({node.unit}).")
        else:
            sub = _group_class(key, node)
            fields_.append((name, sub))
            lines.append(f"    {name}: {sub.__name__}.")
    title = (f"The levers of `policy.{group}` in force in a quarter." if group else
             "Every policy lever in force in a quarter (configs/levers.yaml), by group.")
    cls = make_dataclass(_class_name(group) if group else "Levers", fields_, frozen=True,
                         namespace={"__doc__": title + "\n\nAttributes:\n" + "\n".join(lines)})
    cls.__module__ = __name__
    globals()[cls.__name__] = cls  # (importable by name: pickling and copies find it)
    return cls


Levers = _group_class("", nest(LEVERS))


def _typed(cls: type, values: Mapping[str, Any]) -> Any:
    kwargs = {}
    for f in cls.__dataclass_fields__.values():
        node = values[f.name]
        if "lever" in f.metadata:
            kwargs[f.name] = (tuple(node) if f.type == tuple[str, ...] else
                              str(node) if f.type is str else float(node))
        else:
            kwargs[f.name] = _typed(f.type, node)
    return cls(**kwargs)


def levers_of(values: Mapping[str, Any]) -> Levers:
    """The typed levers with `values` (a lever's flat key, 'credit.interest_rate', to
    its value in force; lists of names as lists or tuples); a lever not in `values` is
    at its 2016 baseline."""
    unknown = set(values) - set(LEVERS)
    if unknown:
        raise KeyError(f"unknown levers {sorted(unknown)}")
    full = {key: values.get(key, lever.baseline) for key, lever in LEVERS.items()}
    return _levers_of(tuple((k, tuple(v) if isinstance(v, list | tuple) else v)
                            for k, v in full.items()))


@lru_cache(maxsize=256)
def _levers_of(items: tuple[tuple[str, Any], ...]) -> Levers:
    """One typed tree per distinct lever vector (a scenario's levers stay put between
    its ramps, so a quarter mostly finds its tree built)."""
    return _typed(Levers, nest(dict(items)))
