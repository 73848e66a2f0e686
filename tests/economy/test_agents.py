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
    model = build(["policy.quality.min_standard=0.5", "bank.firm_leverage_limit=0.0"])
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


def test_the_model_is_built_as_any_mesa_model_from_keywords() -> None:
    from sim.economy.model import EconomyModel

    model = EconomyModel(seed=3, households=500, scenario="consumer_credit", steps=2,
                         policy__credit__interest_rate=0.07)
    assert (model.seed, len(model.households), model.scenario) == (3, 500, "consumer_credit")
    assert model.lever_targets["credit.interest_rate"] == 0.07
    while model.running:
        model.step()
    assert model.steps == 2
    frame = model.datacollector.get_model_vars_dataframe()
    assert list(frame["quarter"]) == ["2016Q1", "2016Q2"]
    assert frame["consumption_pc"].tolist() == model.timeseries()["consumption_pc"].tolist()


def test_mesa_batch_run_returns_the_model_outcomes() -> None:
    import mesa
    import pandas as pd

    from sim.economy.model import EconomyModel

    results = pd.DataFrame(mesa.batch_run(
        EconomyModel, parameters={"households": 400, "scenario": ["baseline", "consumer_credit"],
                                  "policy.credit.interest_rate": [0.06, 0.10]},
        iterations=2, max_steps=4, display_progress=False))
    assert len(results) == 2 * 2 * 2  # iterations x scenarios x rates, the last step each
    assert {"consumption_pc", "upgrade_share", "fiscal_cost", "quarter"} <= set(results)
    # Mesa runs while steps <= max_steps: five quarters, the last one reported.
    assert set(results["quarter"]) == {"2017Q1"}
    same_draws = results.groupby(["scenario", "policy.credit.interest_rate"])["consumption_pc"]
    assert (same_draws.nunique() == 1).all()  # the same seed in both iterations


def test_agent_type_reporters_keep_households_and_firms_apart() -> None:
    import mesa

    model = build([])
    model.datacollector = mesa.DataCollector(
        agenttype_reporters={Household: {"income": "income"}, Firm: {"quality": "quality"}},
        agent_reporters={"type": "agent_type"})
    model.step()  # collects at the end of the quarter
    households = model.datacollector.get_agenttype_vars_dataframe(Household)
    firms = model.datacollector.get_agenttype_vars_dataframe(Firm)
    assert len(households) == len(model.households) and households["income"].notna().all()
    assert len(firms) == len(model.firm_agents) and firms["quality"].notna().all()
    types = model.datacollector.get_agent_vars_dataframe()["type"]
    assert set(types) == {"household", "firm"}
