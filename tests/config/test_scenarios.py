"""Levers are declared once and scenarios are validated diffs on the baseline."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from helpers import build, run

from sim.config import levers as lever_module
from sim.config.compose import load_config
from sim.config.errors import ConfigError
from sim.config.levers import LEVERS, REQUIRED, Levers, flatten, levers_of
from sim.config.scenarios import SCENARIO_DIR, catalogue, load
from sim.economy.model import EconomyModel

MODEL_MD_SCENARIOS = {
    "baseline", "consumer_credit", "rural_logistics", "quality_standards",
    "consumer_protection", "demand_side_subsidy", "supply_side_subsidy",
    "migrant_citizenisation", "outbound_repatriation", "information_consumption",
    "market_access", "service_consumption", "green_consumption", "full_plan",
}
# The demand-side designs of 七（一） beside the threshold coupons of demand_side_subsidy.
DESIGN_SCENARIOS = {"trade_in_rebate", "cash_transfer"}
# Benchmarks of the model's response, not packages of the plan.
BENCHMARK_SCENARIOS = {"public_works_1pct"}


def test_every_lever_is_declared_with_unit_bounds_baseline_labels_and_clauses() -> None:
    assert len(LEVERS) == 28  # (the plan's 27 and public works, the benchmark's)
    for key, lever in LEVERS.items():
        assert lever.label_en and lever.label_zh and lever.unit and lever.channel, key
        assert lever.clauses and all("（" in c or len(c) == 1 for c in lever.clauses), key
        assert lever.check(lever.baseline) is None, key
        assert ((lever.lower is not None and lever.upper is not None) or lever.allowed
                or lever.one_of), key


def test_a_quarters_levers_are_a_frozen_typed_tree_of_every_declared_lever() -> None:
    """Every declared lever is a typed field of its group (a number a float, a list of
    names a tuple), at its baseline unless set, and cannot be changed by a process."""
    lv = levers_of({"credit.interest_rate": 0.06, "subsidy.budget": 10})
    assert isinstance(lv, Levers)
    assert lv.credit.interest_rate == 0.06 and lv.subsidy.budget == 10.0
    assert isinstance(lv.subsidy.budget, float)
    assert lv.subsidy.categories == tuple(LEVERS["subsidy.categories"].baseline)
    assert lv.credit.access.urban == LEVERS["credit.access.urban"].baseline
    flat = flatten(dataclasses.asdict(lv))
    assert set(flat) == set(LEVERS)
    with pytest.raises(dataclasses.FrozenInstanceError):
        lv.credit.interest_rate = 0.2
    with pytest.raises(KeyError, match="credit.rate"):
        levers_of({"credit.rate": 0.06})


@pytest.mark.parametrize("field", [*REQUIRED, "bounds"])
def test_a_declaration_without_a_field_is_refused(field: str) -> None:
    spec = {"label": {"en": "x", "zh": "x"}, "unit": "share", "baseline": 0.5,
            "clauses": ["五（五）"], "channel": "c", "source": "s", "bounds": [0, 1]}
    del spec[field]
    with pytest.raises(ConfigError, match=field):
        lever_module._declare("credit.interest_rate", spec)


def test_the_catalogue_holds_every_scenario_of_the_model_and_all_are_valid() -> None:
    scenarios = catalogue()
    assert MODEL_MD_SCENARIOS <= set(scenarios)
    for name, s in scenarios.items():
        assert not isinstance(s, ConfigError), s
        assert s.title_en and s.title_zh and s.clauses and len(s.rationale) > 100, name
    assert scenarios["baseline"].levers == {}


def test_demand_and_supply_side_subsidies_spend_the_same_budget() -> None:
    s = catalogue()
    demand, supply = s["demand_side_subsidy"].levers, s["supply_side_subsidy"].levers
    assert demand["subsidy.budget"] == supply["subsidy.budget"] > 0
    assert demand["subsidy.demand_side_share"] == 1.0 and supply["subsidy.demand_side_share"] == 0.0
    assert demand["subsidy.categories"] == supply["subsidy.categories"]


def test_coupons_rebates_and_cash_spend_the_same_demand_side_budget() -> None:
    s = catalogue()
    designs = {name: s[name].levers for name in ("demand_side_subsidy", "trade_in_rebate",
                                                 "cash_transfer", "green_consumption")}
    assert {lv["subsidy.design"] for lv in designs.values()} == {"coupon", "rebate", "cash"}
    assert {lv["subsidy.budget"] for lv in designs.values()} == {
        s["supply_side_subsidy"].levers["subsidy.budget"]}
    assert all(lv["subsidy.demand_side_share"] == 1.0 for lv in designs.values())


def test_full_plan_changes_every_lever_the_packages_change() -> None:
    s = catalogue()
    changed = {k for name, sc in s.items()
               if name != "full_plan" and name not in BENCHMARK_SCENARIOS for k in sc.levers}
    changed -= {"subsidy.demand_side_share"}  # full_plan subsidises the demand side only
    assert changed <= set(s["full_plan"].levers)


@pytest.mark.parametrize("name", sorted(MODEL_MD_SCENARIOS | DESIGN_SCENARIOS
                                        | BENCHMARK_SCENARIOS))
def test_every_scenario_runs_and_is_recorded(name: str) -> None:
    model = run([f"scenario={name}"], steps=2)
    ts = model.timeseries()
    assert (ts["scenario"] == name).all()
    assert model.scenario == name


def test_a_lever_on_the_command_line_wins_over_the_scenario() -> None:
    cfg = load_config(["scenario=rural_logistics", "policy.rural_logistics.cost_markup=0.2"])
    assert cfg.policy.rural_logistics.cost_markup == 0.2
    assert cfg.policy.rural_logistics.ecommerce_coverage == 0.9  # from the scenario


def _write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "bad.yaml"
    path.write_text(body, encoding="utf-8")
    return path


HEAD = "title: {en: T, zh: 题}\nclauses: [五（五）]\nrationale: r\n"


def test_a_scenario_naming_an_unknown_lever_is_rejected_with_file_and_suggestion(
        tmp_path: Path) -> None:
    path = _write(tmp_path, HEAD + "levers:\n  credit.acess.urban: 0.5\n")
    with pytest.raises(ConfigError) as e:
        load(path)
    message = str(e.value)
    assert "bad.yaml" in message and "credit.acess.urban" in message
    assert "credit.access.urban" in message  # the nearest valid name


def test_a_scenario_with_an_out_of_bounds_value_is_rejected_with_key_value_and_bounds(
        tmp_path: Path) -> None:
    path = _write(tmp_path, HEAD + "levers:\n  credit.interest_rate: 0.9\n")
    with pytest.raises(ConfigError) as e:
        load(path)
    message = str(e.value)
    for part in ("bad.yaml", "policy.credit.interest_rate", "0.9", "[0, 0.5]"):
        assert part in message


def test_an_out_of_bounds_override_stops_the_run_before_any_work() -> None:
    with pytest.raises(ConfigError, match=r"policy.quality.enforcement = 1.5 .*\[0, 1\]"):
        EconomyModel(load_config(["policy.quality.enforcement=1.5"]))


def test_scenario_files_live_in_the_scenarios_folder() -> None:
    assert SCENARIO_DIR.name == "scenarios"
    assert {p.stem for p in SCENARIO_DIR.glob("*.yaml")} == set(catalogue())


def test_a_scheduled_scenario_reaches_its_target() -> None:
    model = build(["scenario=service_consumption"])
    for _ in range(13):
        model.step()
    assert model.levers.services.capacity == pytest.approx(1.2)
    assert model.levers.services.investment == pytest.approx(5.0e9)


def test_a_programme_may_end_and_a_bad_end_is_refused(tmp_path: Path) -> None:
    """A schedule's optional `end` quarter ends a programme (back at the baseline from
    then on); one that does not read like a quarter, or comes before its start, is
    refused naming the file, the lever and the value."""
    body = HEAD + ("levers:\n  credit.interest_rate: 0.06\nschedule:\n"
                   "  credit.interest_rate: {start: 2017Q1, ramp_quarters: 0, end: %s}\n")
    good = load(_write(tmp_path, body % "2018Q1"))
    assert good.schedule["credit.interest_rate"]["end"] == "2018Q1"
    for end in ("2016Q4", "2018"):
        with pytest.raises(ConfigError) as e:
            load(_write(tmp_path, body % end))
        assert "bad.yaml" in str(e.value) and "credit.interest_rate" in str(e.value)
        assert f"end = '{end}'" in str(e.value)
