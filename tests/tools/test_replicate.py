"""The model replays published policy experiments (sim.tools.replicate): the designs are
checked before any run, the measures read the effect as the studies do (hand-checked
here on made-up quarters), and the verdict says whether the model meets the study."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from sim.config.errors import ConfigError
from sim.config.experiments import load
from sim.tools import replicate as rp

HEAD = """title: {en: T, zh: 题}
study: A study (2020)
lever: cash_transfer
estimate: {value: 0.5, low: 0.4, high: 0.6, what: {en: w, zh: 量}, read: the abstract}
"""
DESIGN = """design:
  levers: {subsidy.budget: 1.0e+9, subsidy.design: cash}
  schedule: {subsidy.budget: {start: 2017Q1, ramp_quarters: 0, end: 2017Q2}}
"""
MEASURE = """measure: {kind: spent_share, from: 2017Q1, to: 2017Q1, categories: all,
          outlay: cash_transfer}
"""


def _write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "bad.yaml"
    path.write_text(body, encoding="utf-8")
    return path


def test_every_experiment_file_is_valid_and_names_its_study_estimate_and_source() -> None:
    experiments = rp.experiments()
    assert len(experiments) >= 5
    for name, e in experiments.items():
        assert e.study and e.estimate.read and e.estimate.what and e.estimate.what_zh, name
        assert e.estimate.low <= e.estimate.value <= e.estimate.high, name
        assert e.levers, name  # (a design changes something)


def test_a_design_becomes_the_overrides_of_a_run(tmp_path: Path) -> None:
    e = load(_write(tmp_path, HEAD + DESIGN + MEASURE), rp.MEASURES)
    assert e.overrides() == [
        "policy.subsidy.budget=1000000000.0", "policy.subsidy.design=cash",
        "+schedule.subsidy.budget={start:2017Q1,ramp_quarters:0,end:2017Q2}"]
    assert rp.last_quarter(e) == 4  # (2017Q1: the fifth quarter from 2016Q1)


@pytest.mark.parametrize(("body", "words"), [
    (HEAD + DESIGN + "measure: {kind: spent_shar}\n", ["spent_shar", "spent_share"]),
    (HEAD + DESIGN + "measure: {kind: borrowed_share}\n", ["borrowed_share", "missing: after"]),
    (HEAD + DESIGN + "measure: {kind: borrowed_share, after: 2017}\n", ["measure.after"]),
    (HEAD.replace("low: 0.4", "low: 0.55") + DESIGN + MEASURE, ["low <= value <= high"]),
    (HEAD + DESIGN.replace("subsidy.design: cash", "subsidy.desing: cash") + MEASURE,
     ["subsidy.desing", "subsidy.design"]),
    (HEAD + DESIGN.replace("1.0e+9", "-1.0") + MEASURE, ["subsidy.budget", "-1.0"]),
    (HEAD.replace("study: A study (2020)\n", "") + DESIGN + MEASURE, ["missing study"]),
    (HEAD + DESIGN + MEASURE + "identifies: households.mpc_csh\n",
     ["identifies", "households.mpc_csh", "declared parameter"]),
])
def test_a_bad_experiment_is_refused_naming_the_file_the_key_and_what_is_allowed(
        tmp_path: Path, body: str, words: list[str]) -> None:
    with pytest.raises(ConfigError) as e:
        load(_write(tmp_path, body), rp.MEASURES)
    assert "bad.yaml" in str(e.value)
    for word in words:
        assert word in str(e.value)


def _quarters(consumption: list[float], outlay: list[float], share: float | list[float] = 0.5,
              debt: list[float] | None = None, lines: list[float] | None = None
              ) -> pd.DataFrame:
    """Made-up quarters from 2016Q1: 100 persons, prices 1, food `share` of spending."""
    n = len(consumption)
    return pd.DataFrame({
        "consumption_pc": np.array(consumption) / 100.0, "population_urban": 100.0,
        "population_rural": 0.0, "population_migrant": 0.0, "cpi": 1.0,
        "cash_transfer": outlay, "share_food": share,
        "consumer_debt": debt if debt is not None else [0.0] * n,
        "credit_lines": lines if lines is not None else [0.0] * n})


def test_the_spent_share_is_the_extra_spending_per_yuan_paid() -> None:
    """100 paid in 2017Q1 (row 4), spending 1,030 against 1,000: 0.3 spent; 0.3 x 0.5 on
    food; out of pocket, 30 - 100 = -70 per 100."""
    base = _quarters([1000.0] * 6, [0.0] * 6)
    design = _quarters([1000.0] * 4 + [1030.0, 1000.0], [0.0] * 4 + [100.0, 0.0])
    window = {"from": "2017Q1", "to": "2017Q1", "outlay": "cash_transfer"}
    assert rp.measure({"kind": "spent_share", "categories": "all", **window}, base,
                      design) == pytest.approx(0.3)
    assert rp.measure({"kind": "spent_share", "categories": ["food"], **window}, base,
                      design) == pytest.approx(0.15)
    assert rp.measure({"kind": "leverage", "categories": "all", **window}, base,
                      design) == pytest.approx(-0.7)


def test_purchases_pulled_forward_leave_nothing_behind() -> None:
    """+60 while the rebate runs (2017Q1), -40 and -20 in the two quarters after: by
    2017Q3 none of the extra purchases is left; by 2017Q2, a third."""
    base = _quarters([1000.0] * 8, [0.0] * 8)
    design = _quarters([1000.0] * 4 + [1060.0, 960.0, 980.0, 1000.0], [0.0] * 8)
    spec = {"kind": "remaining_share", "from": "2017Q1", "to": "2017Q1",
            "categories": "all"}
    assert rp.measure({**spec, "after": "2017Q3"}, base, design) == pytest.approx(0.0)
    assert rp.measure({**spec, "after": "2017Q2"}, base, design) == pytest.approx(1 / 3)


def test_the_differenced_remaining_share_leaves_out_the_rise_every_category_shares() -> None:
    """Food is half of spending. +60 on food while the programme runs, then -40 and -20;
    meanwhile every category gains 10 a quarter from the programme's income (food +5,
    the rest +5): net of the rise the other half shows (5 a quarter at the ratio 1),
    the pulled-forward purchases leave nothing by 2017Q3."""
    share = [0.5] * 4 + [565.0 / 1070.0, 465.0 / 970.0, 485.0 / 990.0, 0.5]
    base = _quarters([1000.0] * 8, [0.0] * 8)
    design = _quarters([1000.0] * 4 + [1070.0, 970.0, 990.0, 1000.0], [0.0] * 8,
                       share=share)
    spec = {"kind": "remaining_share_did", "from": "2017Q1", "to": "2017Q1",
            "after": "2017Q3", "categories": ["food"]}
    assert rp.measure(spec, base, design) == pytest.approx(0.0)


def test_the_borrowed_share_is_the_extra_debt_per_yuan_of_extra_lines() -> None:
    """Lines up by 1,000, debt up by 120 at the quarter read: 0.12."""
    base = _quarters([1000.0] * 5, [0.0] * 5, debt=[500.0] * 5, lines=[5000.0] * 5)
    design = _quarters([1000.0] * 5, [0.0] * 5, debt=[500.0] * 4 + [620.0],
                       lines=[5000.0] * 4 + [6000.0])
    assert rp.measure({"kind": "borrowed_share", "after": "2017Q1"}, base,
                      design) == pytest.approx(0.12)


def test_the_verdict_says_whether_the_model_meets_the_study() -> None:
    assert rp.verdict(0.1, 0.3, 0.25, 0.4) == "pass"
    assert rp.verdict(0.5, 0.6, 0.25, 0.4) == "above"
    assert rp.verdict(0.0, 0.2, 0.25, 0.4) == "below"
    assert rp.verdict(np.nan, np.nan, 0.25, 0.4) == "n/a"


def test_bad_options_stop_before_any_work() -> None:
    assert "--seeds = 1" in rp.check_options(1, 1000, 1)
    assert "--households = 10" in rp.check_options(2, 10, 1)
    assert "--jobs = 0" in rp.check_options(2, 1000, 0)
    assert rp.main(["--only", "no_such_experiment"]) == 2


@pytest.mark.slow
def test_the_replay_writes_its_table_report_in_both_languages_and_chart(tmp_path: Path
                                                                        ) -> None:
    """Two experiments over two seeds at 2,000 households, end to end: one row each with
    the model's interval beside the study's, and every file written."""
    assert rp.main(["--seeds", "2", "--households", "2000", "--jobs", "1", "--only",
                    "stimulus_payments_2008", "credit_line_increase",
                    "--out", str(tmp_path)]) == 0
    table = pd.read_csv(tmp_path / "table.csv")
    assert list(table["experiment"]) == ["stimulus_payments_2008", "credit_line_increase"]
    assert table["seeds"].eq(2).all() and table["model_low"].notna().all()
    for name in ("report.md", "report.zh.md", "forest.png", "values.csv"):
        assert (tmp_path / name).stat().st_size > 0
    assert "对照" in (tmp_path / "report.zh.md").read_text(encoding="utf-8")


def test_a_relative_change_is_the_designs_mean_over_the_baselines_over_the_window() -> None:
    """Consumption per person 10 against 8 over 2017Q1-Q2 (rows 4-5): +25%."""
    base = _quarters([800.0] * 6, [0.0] * 6)
    design = _quarters([800.0] * 4 + [1000.0, 1000.0], [0.0] * 6)
    spec = {"kind": "relative_change", "outcome": "consumption_pc", "from": "2017Q1",
            "to": "2017Q2"}
    assert rp.measure(spec, base, design) == pytest.approx(0.25)


def test_a_measure_naming_what_the_model_lacks_is_refused_before_any_run(
        tmp_path: Path) -> None:
    """A category or an outcome the model does not have stops the catalogue, naming the
    file, the name and what is allowed."""
    for measure, words in (
            (MEASURE.replace("categories: all", "categories: [fod]"), ["'fod'", "food"]),
            (MEASURE.replace("outlay: cash_transfer", "outlay: cash_transfers"),
             ["cash_transfers", "cash_transfer"])):
        (tmp_path / "bad.yaml").write_text(HEAD + DESIGN + measure, encoding="utf-8")
        with pytest.raises(ConfigError) as e:
            rp.experiments(tmp_path)
        for word in ("bad.yaml", *words):
            assert word in str(e.value)


def test_the_range_a_study_allows_is_read_off_the_measure_at_the_ends_of_the_range() -> None:
    """A measure of 0.1 at the bottom of a range 0-1 and 0.5 at its top (slope 0.4): a
    study interval 0.2-0.3 allows 0.25-0.5; one of 0.6-0.9 is out of reach (none); a
    measure flat at 0.25 allows the whole range if inside the study's interval."""
    from sim.tools.experiment_identification import allowed

    assert allowed(0.1, 0.5, 0.0, 1.0, 0.2, 0.3) == pytest.approx((0.25, 0.5))
    assert allowed(0.5, 0.1, 0.0, 1.0, 0.2, 0.3) == pytest.approx((0.5, 0.75))
    assert all(np.isnan(allowed(0.1, 0.5, 0.0, 1.0, 0.6, 0.9)))
    assert allowed(0.25, 0.25, 0.0, 1.0, 0.2, 0.3) == (0.0, 1.0)


def test_the_experiments_name_declared_response_parameters_with_a_range() -> None:
    """The payment studies speak to the propensity to spend a windfall, the coupon study
    to the coupon response, the credit-line study to the credit-buffer offset and the
    grading reform to the saved share of distrust."""
    named = {n: e.identifies for n, e in rp.experiments().items() if e.identifies}
    assert named["stimulus_payments_2008"] == "households.mpc_cash"
    assert named["credit_line_increase"] == "households.credit_buffer_offset"
    assert named["grading_reform"] == "households.trust_spending_weight"
