"""Numerical guards: a NaN, an infinity or a forbidden negative stops the run at once,
naming the step, the process and the agent (sim.economy.guards)."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import build

from sim.economy.guards import NumericalError
from sim.economy.processes import incomes, quality


def test_a_nan_stops_the_run_naming_step_process_and_agent(monkeypatch) -> None:
    original = incomes.flows

    def broken(**kwargs):
        out = original(**kwargs)
        kwargs["h"].deposits[7] = np.nan
        return out

    model = build()
    model.step()
    monkeypatch.setattr(incomes, "flows", broken)
    with pytest.raises(NumericalError) as caught:
        model.step()
    assert caught.value.step == 1 and caught.value.process == "incomes"
    assert "household 7" in caught.value.agent and "deposits = nan" in str(caught.value)


def test_an_infinite_trust_is_caught_after_the_quality_step(monkeypatch) -> None:
    original = quality.risk_and_enforcement

    def broken(**kwargs):
        out = original(**kwargs)
        kwargs["h"].trust[11, 2] = np.inf
        return out

    model = build()  # (the burn-in runs clean)
    monkeypatch.setattr(quality, "risk_and_enforcement", broken)
    with pytest.raises(NumericalError) as caught:
        model.step()
    assert caught.value.process == "quality and trust" and "household 11" in caught.value.agent


def test_a_negative_inventory_is_caught(monkeypatch) -> None:
    model = build()
    model.step()
    model.firms.inventory[3] = -50.0
    with pytest.raises(NumericalError, match=r"firm 3 .* inventory = -50"):
        model.step()


