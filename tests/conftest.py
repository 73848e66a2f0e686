"""Shared helpers: small economies built from the real config with overrides."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import mesa
import pytest

from sim.config.compose import load_config
from sim.economy.model import EconomyModel

SMALL = ["population.households=3000", "progress=false"]


def build(overrides: Sequence[str] = ()) -> EconomyModel:
    """A small economy (3,000 households) with the given Hydra overrides."""
    return EconomyModel(load_config([*SMALL, *overrides]))


def run(overrides: Sequence[str] = (), steps: int = 8) -> EconomyModel:
    """A small economy stepped `steps` quarters."""
    model = build(overrides)
    for _ in range(steps):
        model.step()
    return model


@pytest.fixture(autouse=True)
def _release_models() -> Iterator[None]:
    # Mesa 3.3.1 keeps every model alive through Agent._ids (TRAPS.md).
    yield
    mesa.Agent._ids.clear()
