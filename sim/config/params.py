"""Plain, attribute-accessible parameters resolved once from the Hydra config.

Hot code reads `model.p.households.mpc_cash` from plain Python objects rather than
OmegaConf nodes (which are slow to read and mutable through interpolation).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import SimpleNamespace
from typing import Any

from omegaconf import DictConfig, OmegaConf


def namespace(value: Any) -> Any:
    """Turn nested mappings into nested SimpleNamespaces (lists stay lists)."""
    if isinstance(value, Mapping):
        return SimpleNamespace(**{str(k): namespace(v) for k, v in value.items()})
    if isinstance(value, list):
        return [namespace(v) for v in value]
    return value


def resolve(cfg: DictConfig | Mapping) -> SimpleNamespace:
    """Resolve a run config (Hydra DictConfig or plain dict) into namespaces."""
    if isinstance(cfg, DictConfig):
        cfg = OmegaConf.to_container(cfg, resolve=True)
    cfg = {k: v for k, v in dict(cfg).items() if k != "hydra"}
    return namespace(cfg)


def by_kind(ns: SimpleNamespace) -> list[float]:
    """Values of a per-kind mapping in constants.KINDS order (urban, rural, migrant)."""
    return [float(getattr(ns, k)) for k in ("urban", "rural", "migrant")]
