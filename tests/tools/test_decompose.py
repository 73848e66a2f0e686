"""The whole plan beside the sum of its packages (sim.tools.decompose): the arithmetic on
a made-up table checked by hand, bad options refused before any run, and one tiny run
end to end."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from sim.config.paths import SCENARIO_DIR
from sim.config.scenarios import Scenario, load
from sim.tools import decompose as dc

T_2 = 4.302653  # t(0.975) with 2 degrees of freedom


def _effects(by_scenario: dict[str, list[float]], outcome: str = "consumption_pc") -> pd.DataFrame:
    return pd.DataFrame([{"outcome": outcome, "scenario": s, "seed": seed, "effect": v}
                         for s, values in by_scenario.items() for seed, v in enumerate(values)])


def _row(table: pd.DataFrame, row: str, outcome: str = "consumption_pc") -> pd.Series:
    return table[(table["outcome"] == outcome) & (table["row"] == row)].iloc[0]


def test_the_interaction_is_the_plan_minus_the_sum_seed_by_seed_with_its_interval() -> None:
    # plan 3, 5, 7; packages 1, 2, 3 and 1, 1, 1: the sum is 2, 3, 4, the interaction
    # 1, 2, 3 (mean 2, sd 1: 2 +- 4.3027 / sqrt 3 = 2 +- 2.484), its share 50, 66.7, 75 %
    table = dc.decompose(_effects({"plan": [3, 5, 7], "a": [1, 2, 3], "b": [1, 1, 1]}),
                         "plan", ["a", "b"])
    assert list(table["row"]) == ["plan", dc.SUM, dc.INTERACTION, dc.SHARE, "a", "b"]
    total, gap, share = (_row(table, r) for r in (dc.SUM, dc.INTERACTION, dc.SHARE))
    assert (total["mean"], gap["mean"]) == pytest.approx((3.0, 2.0))
    assert (gap["low"], gap["high"]) == pytest.approx((2 - T_2 / 3**0.5, 2 + T_2 / 3**0.5))
    assert (total["low"], total["high"]) == pytest.approx((3 - T_2 / 3**0.5, 3 + T_2 / 3**0.5))
    shares = np.array([50.0, 200 / 3, 75.0])
    half = T_2 * shares.std(ddof=1) / 3**0.5
    assert (share["mean"], share["low"], share["high"]) == pytest.approx(
        (shares.mean(), shares.mean() - half, shares.mean() + half))
    assert set(table["seeds"]) == {3}


def test_no_share_of_a_sum_not_told_from_zero_and_no_seed_without_every_effect() -> None:
    # the sum 1, -1, 0, the interaction 0, 1, 1 (and a fourth seed whose plan effect is
    # not finite, left out of every row)
    effects = _effects({"plan": [1, 0, 1, np.inf], "a": [1, -1, 0, 1], "b": [0, 0, 0, 1]})
    table = dc.decompose(effects, "plan", ["a", "b"])
    assert np.isnan(_row(table, dc.SHARE)["mean"])
    assert _row(table, dc.INTERACTION)["mean"] == pytest.approx(2 / 3)
    assert set(table["seeds"]) == {3}


def test_the_csv_names_each_rows_unit_and_the_scale() -> None:
    effects = pd.concat([_effects({"plan": [3, 5], "a": [1, 2]}),
                         _effects({"plan": [1, 2], "a": [0, 1]}, "fiscal_cost")])
    table = dc.tidy(dc.decompose(effects, "plan", ["a"]), households=1000, year=2017)
    assert list(table.columns) == list(dc.COLUMNS)
    assert _row(table, "plan")["unit"] == "% of the baseline"
    assert _row(table, dc.SHARE)["unit"] == dc.SHARE_UNIT
    assert _row(table, "plan", "fiscal_cost")["unit"] == "100 million yuan per year"
    assert set(table["year"]) == {2017} and set(table["households"]) == {1000}


def test_the_plans_own_settings_are_named_with_what_its_packages_set() -> None:
    def scenario(name: str, levers: dict, own: dict | None = None) -> Scenario:
        return Scenario(name, name, name, ["五"], "-", levers=levers, own_levers=own or {})

    key = "rural_logistics.ecommerce_coverage"
    plan = dc.Plan(scenario("plan", {key: 0.9}, {key: 0.9}),
                   {"a": scenario("a", {key: 0.9}), "b": scenario("b", {key: 0.75})})
    assert dc.lever_notes(plan) == [
        f"`policy.{key}` = 0.9 (own setting of the plan: the packages set 0.9 in `a`, 0.75 "
        "in `b`; without the plan's own setting the last, 0.75, would hold)"]


def test_the_packages_are_the_ones_the_plans_file_includes() -> None:
    plan = dc.read_plan()
    assert list(plan.packages) == load(SCENARIO_DIR / f"{dc.PLAN}.yaml").includes
    assert plan.scenarios[:2] == ["baseline", dc.PLAN]


@pytest.mark.parametrize("option, value, allowed", [
    ("--seeds", "0", "allowed is a whole number of at least 2"),
    ("--households", "5", "allowed is a whole number in [100, 5,000,000]"),
    ("--year", "2015", "allowed is a year in [2016, 2115]"),
    ("--jobs", "0", "allowed is a whole number of at least 1"),
])
def test_a_bad_option_is_refused_naming_it_before_any_run(
        option: str, value: str, allowed: str, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    def no_run(*args: object, **kwargs: object) -> None:
        raise AssertionError("a run started")

    monkeypatch.setattr(dc, "run_sweep", no_run)
    with pytest.raises(SystemExit) as stopped:
        dc.main([option, value, "--out", str(tmp_path / "out")])
    assert stopped.value.code == 2
    assert f"{option} = {value}: {allowed}" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


@pytest.mark.slow
def test_a_tiny_decomposition_writes_both_tables_whose_parts_add_up(tmp_path: Path) -> None:
    assert dc.main(["--seeds", "2", "--households", "1000", "--year", "2017", "--jobs", "2",
                    "--out", str(tmp_path)]) == 0
    table = pd.read_csv(tmp_path / "decompose.csv")
    packages = load(SCENARIO_DIR / f"{dc.PLAN}.yaml").includes
    assert set(table["outcome"]) == set(dc.DECOMPOSED)
    assert set(table["row"]) == {dc.PLAN, dc.SUM, dc.INTERACTION, dc.SHARE, *packages}
    assert set(table["seeds"]) == {2}
    for _, rows in table.groupby("outcome"):
        mean = rows.set_index("row")["mean"]
        # decompose.csv keeps six significant digits: each value read back is within
        # 5e-6 of its size of the one computed, so a sum or a difference of them is
        # within that of the sizes of its terms
        def rounding(*values: float) -> float:
            return 5e-6 * sum(abs(v) for v in values) + 1e-12
        assert mean[dc.SUM] == pytest.approx(mean[packages].sum(),
                                             abs=rounding(mean[dc.SUM], *mean[packages]))
        assert mean[dc.INTERACTION] == pytest.approx(
            mean[dc.PLAN] - mean[dc.SUM],
            abs=rounding(mean[dc.INTERACTION], mean[dc.PLAN], mean[dc.SUM]))
    text = (tmp_path / "decompose.md").read_text(encoding="utf-8")
    assert "On consumption per person the whole plan is **" in text
    assert "sum of its parts" in text and "% of the baseline" in text


def test_a_switch_off_is_checked_before_any_run() -> None:
    """--set takes any config override but the ones the tool sets itself, checked as an
    override on the command line is."""
    assert dc.check_common(["government.spending_financing=0"]) is None
    assert "seed" in dc.check_common(["seed=3"])
    assert "KEY=VALUE" in dc.check_common(["government.spending_financing"])
    problem = dc.check_common(["government.spending_financin=0"])
    assert "government.spending_financin" in problem and "spending_financing" in problem
