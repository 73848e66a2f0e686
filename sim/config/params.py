"""Plain, attribute-accessible parameters resolved once from the Hydra config.

Hot code reads `model.p.households.mpc_cash` from plain Python objects (the groups'
dataclasses) rather than OmegaConf nodes (which are slow to read and mutable through
interpolation).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import SimpleNamespace
from typing import Any

from omegaconf import DictConfig, OmegaConf

from sim.config.parameters import GROUPS


def namespace(value: Any) -> Any:
    """Turn nested mappings into nested SimpleNamespaces (lists stay lists)."""
    if isinstance(value, Mapping):
        return SimpleNamespace(**{str(k): namespace(v) for k, v in value.items()})
    if isinstance(value, list):
        return [namespace(v) for v in value]
    return value


def resolve(cfg: DictConfig | Mapping) -> SimpleNamespace:
    """Resolve a run config (Hydra DictConfig or plain dict) into namespaces, with each
    parameter group as an instance of its schema (sim.config.parameters)."""
    if not isinstance(cfg, DictConfig):
        cfg = OmegaConf.create(dict(cfg))
    plain = {k: v for k, v in OmegaConf.to_container(cfg, resolve=True).items() if k != "hydra"}
    out = namespace(plain)
    for group, schema in GROUPS.items():
        if group in plain:
            typed = OmegaConf.merge(OmegaConf.structured(schema), plain[group])
            setattr(out, group, OmegaConf.to_object(typed))
    return out


def by_kind(ns: SimpleNamespace) -> list[float]:
    """Values of a per-kind mapping in constants.KINDS order (urban, rural, migrant)."""
    return [float(getattr(ns, k)) for k in ("urban", "rural", "migrant")]
