"""Households and firms are Mesa agents that read and write the live state."""

from __future__ import annotations

import pytest
from helpers import build, run

from sim.economy.agents import Firm, Household
from sim.economy.constants import CATEGORIES, KINDS


def test_households_are_mesa_agents_with_live_state() -> None:
    model = run(steps=2)
    households = model.agents_by_type[Household]
    assert len(households) == len(model.households)
    kinds = {agent.kind for agent in households}
    assert kinds == set(KINDS)
    agent = next(iter(households))
    assert agent.income == model.households.income[agent.row]
    assert agent.deposits == model.households.deposits[agent.row]
    assert set(agent.spending) == set(CATEGORIES)
    agent.quality_taste = 3.0
    assert model.households.quality_taste[agent.row] == 3.0


def test_an_agents_money_can_be_read_but_moves_only_through_payments() -> None:
    model = run(steps=1)
    agent = model.household_agents[0]
    assert agent.deposits == model.households.deposits[0]
    with pytest.raises(AttributeError, match="deposits is money"):
        agent.deposits = 123.0
    firm = next(iter(model.firm_agents.values()))
    with pytest.raises(AttributeError, match="cash is money"):
        firm.cash = 0.0


def test_firms_are_mesa_agents_and_exits_leave_the_agent_set() -> None:
    model = build(["policy.quality.min_standard=0.5", "firms.overdraft_limit=0.0"])
    before = len(model.agents_by_type[Firm])
    for _ in range(2):
        model.step()
    f = model.firms
    assert len(model.agents_by_type[Firm]) == int(f.alive.sum())
    assert f.alive.sum() < before + model.timeseries()["firm_entries"].sum()
    assert all(agent.category in CATEGORIES for agent in model.agents_by_type[Firm])


def test_household_agents_are_made_on_first_use_in_row_order() -> None:
    model = run(steps=1)
    assert model._household_agents is None  # a quarter never needs the objects
    assert Household not in model._agents_by_type
    households = list(model.agents_by_type[Household])
    assert [agent.row for agent in households] == list(range(len(model.households)))
    assert model.household_agents is model.household_agents  # made once
    assert len(model.agents) == len(model.households) + len(model.firm_agents)
