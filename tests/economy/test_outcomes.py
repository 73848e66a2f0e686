"""The outcome registry: every outcome is declared once (sim.economy.outcomes), and the
summary, the comparison, the headline tables and the brief read it."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pandas as pd
import pytest
from helpers import run

from sim.economy.outcomes import CHANGES, HEADLINE, KINDS_OF_OUTCOME, OUTCOMES
from sim.report import brief, charts
from sim.sweep import aggregate
from sim.sweep.jobs import Job
from sim.sweep.run import final_year, summary, write_outputs
from sim.sweep.run import headline as headline_printout


def test_every_time_series_column_is_a_declared_outcome_with_labels_and_units() -> None:
    model = run(steps=2)
    columns = set(model.timeseries().columns) - {"step", "quarter", "scenario"}
    assert columns <= set(OUTCOMES)
    assert {n for n, o in OUTCOMES.items() if o.compute is not None} | {"ledger_residual"} \
        == columns
    for name, o in OUTCOMES.items():
        assert o.label_en and o.label_zh and o.unit_en and o.unit_zh, name
        assert o.kind in KINDS_OF_OUTCOME and o.change in CHANGES, name


def test_a_flows_unit_says_its_period_and_the_year_sums_it() -> None:
    o = OUTCOMES["consumption_pc"]
    assert o.unit("en", "quarter") == "yuan per person per quarter, 2016 prices"
    assert o.unit("zh", "year") == "元/人/年（2016年价格）"
    ts = pd.DataFrame({"consumption_pc": [1.0, 2.0, 3.0, 4.0, 5.0],
                       "engel": [0.1, 0.2, 0.3, 0.4, 0.5],
                       "ledger_residual": [5.0, 1.0, 2.0, 0.0, 3.0]})
    year = final_year(ts)
    assert year == {"consumption_pc": 14.0, "engel": pytest.approx(0.35),
                    "ledger_residual": 3.0}


def test_changes_are_shown_in_percent_percentage_points_or_the_units_difference() -> None:
    assert OUTCOMES["consumption_pc"].shown_change(diff=100.0, pct=1.5) == 1.5
    assert OUTCOMES["upgrade_share"].shown_change(diff=0.004, pct=1.0) == pytest.approx(0.4)
    assert OUTCOMES["urban_rural_ratio"].shown_change(diff=-0.05, pct=-2.0) == -0.05
    assert OUTCOMES["debt_to_income"].change_unit() == "pp"


@pytest.fixture(scope="module")
def tiny_sweep(tmp_path_factory) -> list[Job]:
    """Two scenarios x two seeds of a tiny economy, written as a sweep's runs."""
    from omegaconf import OmegaConf

    from sim.config import load_config
    from sim.config.levers import flatten
    from sim.sweep.run import release, simulate

    root = tmp_path_factory.mktemp("sweep")
    jobs = []
    for scenario in ("baseline", "demand_side_subsidy"):
        for seed in (0, 1):
            cfg = load_config([f"scenario={scenario}", f"seed={seed}", "steps=2",
                               "population.households=500", "progress=false"])
            model = simulate(cfg)
            out = write_outputs(model, root / f"{scenario}_{seed}", cfg, households=True)
            release(model)
            jobs.append(Job(out, scenario, seed, "complete", 1.0, [],
                            {"scenario": scenario, "seed": seed},
                            flatten(OmegaConf.to_container(cfg.policy, resolve=True))))
    return jobs


def test_renaming_an_outcomes_label_renames_it_everywhere(tiny_sweep, monkeypatch) -> None:
    """One change in the registry reaches the summary, the comparison, the headline table
    and the brief."""
    renamed = dataclasses.replace(OUTCOMES["consumption_pc"], label_en="Spending per head",
                                  label_zh="人均花费")
    monkeypatch.setitem(OUTCOMES, "consumption_pc", renamed)

    model = run(steps=1)
    assert summary(model)["outcome_info"]["consumption_pc"]["label"] == {
        "en": "Spending per head", "zh": "人均花费"}

    comparison = aggregate.compare(tiny_sweep)
    row = comparison[comparison.outcome == "consumption_pc"].iloc[0]
    assert row["label"] == "Spending per head" and row["label_zh"] == "人均花费"
    assert "Spending per head" in aggregate.headline_table(comparison)

    for lang, label in (("en", "Spending per head"), ("zh", "人均花费")):
        labels = charts.Labels.load(lang)
        table = brief.headline_table(comparison, labels)
        assert label in table.columns
        assert label in brief._html_table(list(table.columns), [], None)
        assert label in charts.scorecard(comparison, labels).axes[0].get_title()


def test_every_table_puts_the_registrys_headline_outcomes_first(tiny_sweep) -> None:
    """One headline flag in the registry: a run's printout, a sweep's headline table and
    workbook sheet and the brief's first-page table show the same outcomes, in the
    registry's order."""
    headline = [o for o, outcome in OUTCOMES.items() if outcome.headline]
    assert list(HEADLINE) == headline and "consumption_pc" in headline
    comparison = aggregate.compare(tiny_sweep)
    labels = charts.Labels.load("en")
    table = brief.headline_table(comparison, labels)
    assert len(table.columns) == len(headline)
    assert all(c.startswith(OUTCOMES[o].label("en"))
               for c, o in zip(table.columns, headline, strict=True))
    printed = headline_printout(summary(run(steps=1)))
    assert [o for o in headline if OUTCOMES[o].label("en") in printed] == [
        o for o in headline if OUTCOMES[o].compute is not None]


def test_the_comparison_carries_each_outcomes_label_unit_and_shown_change(tiny_sweep) -> None:
    comparison = aggregate.compare(tiny_sweep)
    rows = comparison.set_index(["scenario", "outcome"])
    share = rows.loc[("demand_side_subsidy", "upgrade_share")]
    assert share["change_unit"] == "pp"
    assert share["change"] == pytest.approx(100.0 * share["diff"])
    money = rows.loc[("demand_side_subsidy", "consumption_pc")]
    assert money["change_unit"] == "%" and money["change"] == pytest.approx(money["pct_change"])
    assert money["unit"] == "yuan per person per year, 2016 prices"
    assert Path(tiny_sweep[0].path / "summary.json").exists()


def test_a_quarter_in_which_no_firm_sells_reports_no_concentration() -> None:
    """An economy at the corners of every lever (the case the fuzz test found: a standard
    at the frontier, no outbound price gap, no credit, no coverage) in which no domestic
    firm sells in its first quarter: the Herfindahl index is 0, not an error."""
    corners = {"credit.access.urban": 0.0, "credit.access.rural": 0.0,
               "credit.access.migrant": 0.0, "credit.limit_income_multiple": 0.0,
               "credit.interest_rate": 0.0, "rural_logistics.cost_markup": 0.0,
               "rural_logistics.investment": 0.0, "rural_logistics.ecommerce_coverage": 0.0,
               "quality.min_standard": 1.0, "quality.enforcement": 0.0,
               "protection.strength": 0.0, "migrant.public_service_coverage": 0.0,
               "migrant.hukou_conversion_rate": 0.0, "outbound.price_gap": 0.0,
               "information.rural_broadband": 0.0, "market_access.entry_cost": 0.0}
    model = run([*(f"policy.{k}={v}" for k, v in corners.items()),
                 "policy.subsidy.categories=[food]", "population.households=200"], steps=1)
    assert model.timeseries()["hhi"].iloc[0] == 0.0
