"""What the explorer's controls compute (sim.explore.controls) and its charts draw
(sim.explore.figures), without a browser."""

from __future__ import annotations

from sim.config.levers import LEVERS
from sim.explore import controls, figures


def test_a_scenarios_levers_are_its_own_and_unmoved_ones_are_not_overrides() -> None:
    own = controls.scenario_levers("consumer_credit")
    assert own["credit.interest_rate"] != controls.scenario_levers("baseline")[
        "credit.interest_rate"]
    assert controls.changed_levers("consumer_credit", own) == {}
    assert controls.overrides("consumer_credit", 2000, 3, own) == [
        "scenario=consumer_credit", "population.households=2000", "seed=3"]


def test_a_moved_lever_becomes_an_override_of_the_scenario() -> None:
    levers = {**controls.scenario_levers("baseline"), "credit.interest_rate": 0.06,
              "subsidy.categories": ["food", "green"]}
    assert controls.overrides("baseline", 2000, 0, levers)[3:] == [
        "policy.credit.interest_rate=0.06", "policy.subsidy.categories=[food,green]"]


def test_a_bad_choice_gets_the_command_lines_message() -> None:
    levers = {**controls.scenario_levers("baseline"), "credit.interest_rate": 0.9}
    message = controls.problem("baseline", 2000, 0, levers)
    assert "policy.credit.interest_rate = 0.9" in message and "[0, 0.5]" in message
    assert "population.households = 50" in controls.problem("baseline", 50, 0, {})
    assert controls.problem("baseline", 2000, 0, controls.scenario_levers("baseline")) is None


def test_every_lever_has_a_control_with_its_unit_bounds_and_clauses() -> None:
    for key, lever in LEVERS.items():
        caption = controls.lever_caption(lever, "en")
        assert lever.unit in caption and lever.clauses[0] in caption, key
        if lever.numeric:
            assert f"{lever.lower:,.6g}" in caption, key
    # sliders only where their half-point grid holds every 2016 value
    for lever in LEVERS.values():
        if controls.has_slider(lever):
            steps = float(lever.baseline) / controls.SLIDER_STEP
            assert abs(steps - round(steps)) < 1e-9, lever.key


def test_the_explorer_model_steps_and_its_charts_draw(tmp_path) -> None:
    model = controls.ExplorerModel(households=600, seed=1,
                                   levers={"credit.interest_rate": 0.07})
    assert model.lever_targets["credit.interest_rate"] == 0.07
    for _ in range(2):
        model.step()
    ts = model.timeseries()
    for chart in figures.ECONOMY_CHARTS:
        chart(ts, "zh").savefig(tmp_path / f"{chart.__name__}.png")
    for chart in figures.AGENT_CHARTS:
        chart(model, "en").savefig(tmp_path / f"{chart.__name__}.png")
    assert len(list(tmp_path.glob("*.png"))) == 7
